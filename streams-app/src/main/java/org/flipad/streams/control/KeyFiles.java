package org.flipad.streams.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operator key files: PEM text with the standard labels, readable by OpenSSL ({@code openssl pkey
 * -in ID.key -text}).
 *
 * <ul>
 *   <li>{@code ID.key}: the private key, PKCS#8 DER under {@code -----BEGIN PRIVATE KEY-----};
 *       created owner-read/write only ({@code rw-------}) where the file system supports POSIX
 *       permissions (elsewhere, e.g. Windows, it inherits the directory's ACL: keep it in a private
 *       directory).
 *   <li>{@code ID.pub}: the public key, X.509 SubjectPublicKeyInfo DER under {@code -----BEGIN
 *       PUBLIC KEY-----}.
 *   <li>Trusted keys directory: one {@code ID.pub} per operator key; the key id is the file name
 *       without {@code .pub} (so renaming a file renames the key). Other files are ignored, which
 *       lets the directory hold a README or a Kubernetes secret's metadata. A {@link #fingerprint}
 *       identifies a key independently of its file name, for comparing keys out of band.
 * </ul>
 *
 * <p>Writing never overwrites: an existing file is an error, because replacing an operator key
 * silently would lock out (or let in) whoever holds the old one.
 */
public final class KeyFiles {

  /** File name extension of a private key. */
  public static final String PRIVATE_SUFFIX = ".key";

  /** File name extension of a public key. */
  public static final String PUBLIC_SUFFIX = ".pub";

  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";

  private KeyFiles() {}

  /**
   * The paths of the key pair named {@code keyId} in {@code directory}.
   *
   * @param privateKey {@code directory/keyId.key}
   * @param publicKey {@code directory/keyId.pub}
   */
  public record KeyPaths(Path privateKey, Path publicKey) {
    /** The pair named {@code keyId} in {@code directory}. */
    public static KeyPaths of(Path directory, String keyId) {
      Ed25519.checkKeyId(keyId);
      return new KeyPaths(
          directory.resolve(keyId + PRIVATE_SUFFIX), directory.resolve(keyId + PUBLIC_SUFFIX));
    }
  }

  /**
   * Writes {@code keys} as {@code keyId.key} and {@code keyId.pub} in {@code directory} (created if
   * missing).
   *
   * @throws FileAlreadyExistsException when either file exists (neither is then written)
   */
  public static KeyPaths write(Path directory, String keyId, KeyPair keys) throws IOException {
    KeyPaths paths = KeyPaths.of(directory, keyId);
    for (Path path : new Path[] {paths.privateKey(), paths.publicKey()}) {
      if (Files.exists(path)) {
        throw new FileAlreadyExistsException(
            path.toString(),
            null,
            "refusing to overwrite an existing key; choose another --key-id or move the old key"
                + " away first");
      }
    }
    Files.createDirectories(directory);
    // CREATE_NEW (via createFile) also guards against a file appearing since the check above.
    Files.createFile(paths.privateKey(), ownerOnly(directory));
    Files.writeString(paths.privateKey(), pem(PRIVATE_LABEL, keys.getPrivate().getEncoded()));
    Files.writeString(
        paths.publicKey(),
        pem(PUBLIC_LABEL, keys.getPublic().getEncoded()),
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return paths;
  }

  /** Reads an Ed25519 private key from a PKCS#8 PEM file. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = unpem(file, PRIVATE_LABEL);
    try {
      return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw notEd25519(file, "private", e);
    }
  }

  /** Reads an Ed25519 public key from an X.509 PEM file. */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = unpem(file, PUBLIC_LABEL);
    try {
      return keyFactory().generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw notEd25519(file, "public", e);
    }
  }

  /**
   * Reads every {@code ID.pub} in {@code directory} as a trusted key named {@code ID}.
   *
   * @return key id → public key, sorted by key id
   * @throws IllegalArgumentException when a file name is not a valid key id or a file is not an
   *     Ed25519 public key
   */
  public static Map<String, PublicKey> readTrustedKeys(Path directory) throws IOException {
    Map<String, PublicKey> keys = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PUBLIC_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String keyId = name.substring(0, name.length() - PUBLIC_SUFFIX.length());
        keys.put(Ed25519.checkKeyId(keyId), readPublicKey(file));
      }
    }
    return keys;
  }

  /** The sha256 of the key's X.509 encoding, as 64 lowercase hex characters. */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path directory) {
    if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // No POSIX permissions (e.g. Windows): the file inherits the directory's ACL; see the
      // Javadoc.
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] unpem(Path file, String label) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          file
              + " is not a PEM file with "
              + begin
              + " … "
              + end
              + " lines. Give the "
              + (label.equals(PUBLIC_LABEL) ? ".pub" : ".key")
              + " file written by 'flipad keys generate'.");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " has invalid base64 between its PEM lines: " + e.getMessage(), e);
    }
  }

  private static KeyFactory keyFactory() {
    try {
      return KeyFactory.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no Ed25519 provider (SunEC, Java 15+)", e);
    }
  }

  private static IllegalArgumentException notEd25519(Path file, String kind, Exception e) {
    return new IllegalArgumentException(
        file
            + " is not an Ed25519 "
            + kind
            + " key ("
            + e.getMessage()
            + "). Operator keys are Ed25519; make one with 'flipad keys generate'.",
        e);
  }
}
