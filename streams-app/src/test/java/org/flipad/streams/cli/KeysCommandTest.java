package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.flipad.streams.control.CommandSigner;
import org.flipad.streams.control.CommandVerifier;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.control.SignatureCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = FlipadCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void shouldWriteKeysThatSignAndVerifyWhenGenerating() throws Exception {
    int code = run("keys", "generate", "--out", dir.toString(), "--key-id", "ops-alice");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ops-alice.key").contains("fingerprint sha256:");
    CommandSigner signer =
        new CommandSigner(KeyFiles.readPrivateKey(dir.resolve("ops-alice.key")), "ops-alice");
    CommandVerifier verifier = new CommandVerifier(KeyFiles.readTrustedKeys(dir));
    ControlCommand command =
        ControlCommand.newBuilder()
            .setCommandId("c-1")
            .setIssuer("alice")
            .setIssuedAt(Instant.parse("2025-06-01T12:00:00Z"))
            .setType(CommandType.ACTIVATE)
            .setModelId("dcgan")
            .setVersion(2)
            .build();
    ControlCommand signed = signer.sign(command);
    assertThat(verifier.check(signed)).isEqualTo(SignatureCheck.VALID);
    assertThat(verifier.check(ControlCommand.newBuilder(signed).setVersion(3).build()))
        .isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void shouldRefuseAndKeepTheOldKeyWhenTheKeyIdExists() throws Exception {
    assertThat(run("keys", "generate", "--out", dir.toString(), "--key-id", "ops")).isZero();
    String before = Files.readString(dir.resolve("ops.key"));

    int code = run("keys", "generate", "--out", dir.toString(), "--key-id", "ops");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("refusing to overwrite");
    assertThat(Files.readString(dir.resolve("ops.key"))).isEqualTo(before);
  }

  @Test
  void shouldRefuseWhenTheKeyIdIsNotAFileName() {
    int code = run("keys", "generate", "--out", dir.toString(), "--key-id", "../x");

    assertThat(code).isEqualTo(UserErrorHandler.INVALID_INPUT);
    assertThat(err.toString()).contains("1 to 64 characters");
  }

  @Test
  void shouldRenderHelpWhenAskedForKeysGenerate() {
    CommandLine generate =
        FlipadCommand.commandLine().getSubcommands().get("keys").getSubcommands().get("generate");
    StringWriter help = new StringWriter();
    generate.usage(new PrintWriter(help, true));

    assertThat(help.toString()).contains("Usage: flipad keys generate").contains("--key-id");
  }
}
