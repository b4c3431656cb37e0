package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.flipad.schema.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

  @TempDir Path dir;

  private final KeyPair keys = Commands.keyPair(3);

  @Test
  void shouldReadBackTheSameKeysWhenWritten() throws Exception {
    KeyFiles.KeyPaths paths = KeyFiles.write(dir, "ops-1", keys);

    assertThat(paths.privateKey()).isEqualTo(dir.resolve("ops-1.key"));
    assertThat(paths.publicKey()).isEqualTo(dir.resolve("ops-1.pub"));
    assertThat(Files.readString(paths.privateKey()))
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Files.readString(paths.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(KeyFiles.readPrivateKey(paths.privateKey()).getEncoded())
        .isEqualTo(keys.getPrivate().getEncoded());
    assertThat(KeyFiles.readPublicKey(paths.publicKey()).getEncoded())
        .isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void shouldMakeThePrivateKeyOwnerOnlyWhenTheFileSystemIsPosix() throws Exception {
    KeyFiles.KeyPaths paths = KeyFiles.write(dir, "ops-1", keys);

    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.privateKey())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void shouldRefuseToOverwriteWhenEitherFileExists() throws Exception {
    Files.writeString(dir.resolve("ops-1.pub"), "old");

    assertThatThrownBy(() -> KeyFiles.write(dir, "ops-1", keys))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("ops-1.pub")
        .hasMessageContaining("refusing to overwrite");
    assertThat(dir.resolve("ops-1.key")).doesNotExist();
    assertThat(Files.readString(dir.resolve("ops-1.pub"))).isEqualTo("old");
  }

  @Test
  void shouldReadTrustedKeysByFileNameWhenReadingADirectory() throws Exception {
    KeyPair other = Commands.keyPair(4);
    KeyFiles.write(dir, "alice", keys);
    KeyFiles.write(dir, "bob", other);
    Files.writeString(dir.resolve("README.md"), "trusted operator keys");

    Map<String, java.security.PublicKey> trusted = KeyFiles.readTrustedKeys(dir);

    assertThat(trusted).containsOnlyKeys("alice", "bob");
    assertThat(trusted.get("bob").getEncoded()).isEqualTo(other.getPublic().getEncoded());
    CommandSigner alice =
        new CommandSigner(KeyFiles.readPrivateKey(dir.resolve("alice.key")), "alice");
    assertThat(
            new CommandVerifier(trusted)
                .check(alice.sign(Commands.command(CommandType.ENABLE, "x"))))
        .isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void shouldRefuseWhenThePublicKeyIsNotEd25519() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    byte[] der = rsa.generateKeyPair().getPublic().getEncoded();
    Path file = dir.resolve("rsa.pub");
    Files.writeString(
        file,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> KeyFiles.readPublicKey(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an Ed25519 public key");
  }

  @Test
  void shouldExplainWhenTheFileIsNotPem() throws Exception {
    Path file = dir.resolve("ops.key");
    Files.writeString(file, "not a key");

    assertThatThrownBy(() -> KeyFiles.readPrivateKey(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-----BEGIN PRIVATE KEY-----")
        .hasMessageContaining("flipad keys generate");
  }

  @Test
  void shouldRefuseKeyIdsThatAreNotSafeFileNames() {
    for (String bad : new String[] {"../etc", ".hidden", "", "a b", "x".repeat(65)}) {
      assertThatThrownBy(() -> KeyFiles.write(dir, bad, keys))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 64 characters");
    }
  }

  @Test
  void shouldGiveA64HexFingerprintThatDiffersBetweenKeys() {
    String fingerprint = KeyFiles.fingerprint(keys.getPublic());

    assertThat(fingerprint).matches("[0-9a-f]{64}");
    assertThat(KeyFiles.fingerprint(Commands.keyPair(4).getPublic())).isNotEqualTo(fingerprint);
  }
}
