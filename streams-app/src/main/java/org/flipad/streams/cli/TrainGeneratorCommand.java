package org.flipad.streams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.bundle.TrainingRecord;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.TrainingImages;
import org.flipad.core.generator.training.EpochSummary;
import org.flipad.core.generator.training.GanArchitecture;
import org.flipad.core.generator.training.GanTrainer;
import org.flipad.core.generator.training.GanTrainingResult;
import org.flipad.core.generator.training.GanTrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flipad train-generator}: trains one zoo generator and writes its bundle. */
@Command(
    name = "train-generator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains a 28×28 grayscale generator on Fashion-MNIST and writes a generator bundle to --out:"
          + " generator.json, generator.params, final-layer.json (+ .npy), samples.png;"
          + " samples/epoch-NNN.png after every epoch and checkpoint.bin to resume.",
      "Run it again with the same options to resume after the last completed epoch, or with a"
          + " larger --epochs to train further."
    })
final class TrainGeneratorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--arch",
      required = true,
      paramLabel = "ARCH",
      description = "dcgan, wgan-gp, lsgan or ebgan.")
  String architecture;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed for weights, noise and data order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--epochs",
      required = true,
      paramLabel = "E",
      description = "Passes of the adversary over the training images.")
  int epochs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle directory.")
  Path out;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      paramLabel = "B",
      description = "Images per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Folder with the Fashion-MNIST .gz files (default: "
              + FashionMnist.DEBIAN_DIRECTORY
              + ", from the Debian package dataset-fashion-mnist).")
  Path data;

  @Option(
      names = "--subset",
      description =
          "Train on the 2,000 Fashion-MNIST test images shipped with flipad instead (smoke tests"
              + " and demos; too few for a good generator).")
  boolean subset;

  @Override
  public Integer call() throws IOException {
    GanArchitecture recipe = GanArchitecture.fromId(architecture);
    GanTrainingSettings settings = new GanTrainingSettings(recipe, seed, epochs, batchSize);
    List<Image8> images = subset ? FashionMnist.testSubset().images() : trainingSet();
    String source =
        subset
            ? "Fashion-MNIST t10k images 0-1999 (shipped subset)"
            : "Fashion-MNIST train-images-idx3-ubyte.gz in "
                + FashionMnist.locate(data).directory();
    GanTrainer trainer =
        new GanTrainer(
            settings, InstantSource.system(), ConsoleProgressBar.on(spec.commandLine().getErr()));
    GanTrainingResult result = trainer.train(TrainingImages.of(images), out);
    TrainingRecord record =
        new TrainingRecord(
            recipe.id(),
            seed,
            epochs,
            batchSize,
            source,
            images.size(),
            Sha256.ofImages(images),
            commandLine(),
            result.totalTrainingSeconds(),
            losses(result));
    GeneratorBundle bundle =
        GeneratorBundles.writeTrained(
            recipe.networkArchitecture(),
            result.weights(),
            record,
            Provenance.current(InstantSource.system()),
            out);
    report(result, bundle);
    return 0;
  }

  private List<Image8> trainingSet() throws IOException {
    return FashionMnist.locate(data).train().images();
  }

  private String commandLine() {
    List<String> words = new ArrayList<>(List.of("flipad"));
    words.addAll(spec.commandLine().getParseResult().originalArgs());
    return String.join(" ", words);
  }

  private static List<double[]> losses(GanTrainingResult result) {
    List<double[]> losses = new ArrayList<>();
    for (EpochSummary epoch : result.epochs()) {
      losses.add(
          new double[] {epoch.adversaryLoss(), epoch.generatorLoss(), epoch.imagesPerSecond()});
    }
    return losses;
  }

  private void report(GanTrainingResult result, GeneratorBundle bundle) {
    PrintWriter stdout = spec.commandLine().getOut();
    for (EpochSummary epoch : result.epochs()) {
      stdout.println(
          String.format(
              Locale.ROOT,
              "epoch %d: adversary %.4f, generator %.4f, %.0f images/s, samples %s",
              epoch.epoch(),
              epoch.adversaryLoss(),
              epoch.generatorLoss(),
              epoch.imagesPerSecond(),
              epoch.sampleGrid()));
    }
    stdout.println(
        String.format(
            Locale.ROOT,
            "Wrote generator bundle %s (sha256 %s) after %.1f min of training (%.1f min in this"
                + " run).",
            bundle.directory(),
            bundle.digest(),
            result.totalTrainingSeconds() / 60,
            result.trainingTime().toMillis() / 60000.0));
    stdout.flush();
  }
}
