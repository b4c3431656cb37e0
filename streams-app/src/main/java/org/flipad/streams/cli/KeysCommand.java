package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.flipad.streams.control.Ed25519;
import org.flipad.streams.control.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flipad keys}: operator keys that sign control commands. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Operator keys (Ed25519) that sign control commands.",
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code flipad keys generate}: writes a new key pair. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Writes a new Ed25519 key pair: NAME.key (private, PKCS#8 PEM, readable by its owner"
            + " only) and NAME.pub (public, X.509 PEM). Never overwrites an existing key.",
        "Keep NAME.key with the operator; copy NAME.pub into the trusted keys directory of the"
            + " trainer and the streams app: the key id in signed commands is NAME."
      })
  static final class Generate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder.")
    Path out;

    @Option(
        names = "--key-id",
        required = true,
        paramLabel = "NAME",
        description = "Key id: 1 to 64 of A-Z a-z 0-9 . _ - (e.g. ops-alice-2025).")
    String keyId;

    @Override
    public Integer call() throws IOException {
      Ed25519.checkKeyId(keyId);
      // Key material needs the OS entropy source; this is not a seedable, reproducible random.
      KeyPair keys = Ed25519.generate(new SecureRandom());
      KeyFiles.KeyPaths paths = KeyFiles.write(out, keyId, keys);
      spec.commandLine()
          .getOut()
          .printf(
              "Wrote %s (private: keep it secret) and %s (public).%nKey id %s, fingerprint"
                  + " sha256:%s%n",
              paths.privateKey(), paths.publicKey(), keyId, KeyFiles.fingerprint(keys.getPublic()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
