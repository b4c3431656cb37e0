package org.flipad.streams.control;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;

/** Test fixtures: well-formed commands of each type, keys from a fixed seed, a settable clock. */
final class Commands {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private Commands() {}

  /** An Ed25519 key pair drawn from a seeded SHA1PRNG, the same on every run for {@code seed}. */
  static KeyPair keyPair(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return Ed25519.generate(random);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned, well-formed command of {@code type} for model {@code dcgan}, issued at NOW. */
  static ControlCommand.Builder builder(CommandType type, String commandId) {
    ControlCommand.Builder builder =
        ControlCommand.newBuilder()
            .setCommandId(commandId)
            .setIssuer("alice")
            .setIssuedAt(NOW)
            .setType(type)
            .setModelId("dcgan")
            .setNote("test");
    switch (type) {
      case REGISTER ->
          builder.setBundleUri("file:///bundles/dcgan-3.zip").setBundleSha256(sha('a'));
      case RETRAIN ->
          builder
              .setNegativesDatasetUri("s3://data/negatives")
              .setTrainingSamples(512)
              .setValidationSamples(256)
              .setEpochs(20)
              .setFnr(0.005)
              .setSeed(7L);
      case ACTIVATE, ROLLBACK -> builder.setVersion(2);
      case SET_THRESHOLD -> builder.setFnr(0.01);
      default -> {
        // DISABLE and ENABLE have no payload.
      }
    }
    return builder;
  }

  static ControlCommand command(CommandType type, String commandId) {
    return builder(type, commandId).build();
  }

  static String sha(char c) {
    return String.valueOf(c).repeat(64);
  }

  /** An InstantSource the test moves by hand. */
  static final class TestClock implements InstantSource {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
