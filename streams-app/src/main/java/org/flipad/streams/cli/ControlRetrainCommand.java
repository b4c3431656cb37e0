package org.flipad.streams.cli;

import java.nio.file.Path;
import java.time.Instant;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control retrain}. */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description =
        "Trains a new detector version; it replaces the active one if it passes the quality gate.")
final class ControlRetrainCommand extends SignedControlCommand {
  @Option(
      names = "--generator",
      required = true,
      paramLabel = "DIR",
      description = "The generator bundle.")
  Path generator;

  @Option(
      names = "--negatives",
      description =
          "fashion-mnist-subset (default), fashion-mnist, an image folder or a generator bundle.")
  String negatives;

  @Option(names = "--train", description = "Training images per class (default 1000).")
  Integer train;

  @Option(names = "--validation", description = "Held-out target images (default 200).")
  Integer validation;

  @Option(names = "--epochs", description = "DeepSAD epochs (default 10).")
  Integer epochs;

  @Option(
      names = "--fnr",
      description = "False-negative level the new version decides at (default 0.005).")
  Double fnr;

  @Option(names = "--seed", description = "Seed (default 1).")
  Long seed;

  @Option(
      names = "--feedback-since",
      description =
          "Also train on reviewers' feedback from this instant (ISO-8601, e.g."
              + " 2026-11-29T00:00:00Z) to now: overturned uploads become negatives.")
  Instant feedbackSince;

  @Override
  CommandType type() {
    return CommandType.RETRAIN;
  }

  @Override
  void fill(ControlCommand.Builder c) {
    c.setGeneratorBundleUri(generator.toAbsolutePath().toUri().toString())
        .setNegativesDatasetUri(negatives)
        .setTrainingSamples(train)
        .setValidationSamples(validation)
        .setEpochs(epochs)
        .setFnr(fnr)
        .setSeed(seed)
        .setFeedbackSince(feedbackSince);
  }
}
