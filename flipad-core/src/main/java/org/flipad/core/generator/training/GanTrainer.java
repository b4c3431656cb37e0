package org.flipad.core.generator.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.data.TrainingImages;
import org.flipad.core.generator.SampleGrid;
import org.flipad.core.generator.architecture.NetworkGeneratorModel;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains one generator over whole epochs, in a working directory it owns:
 *
 * <ul>
 *   <li>{@code checkpoint.bin} after every epoch (both networks and both Adam states), replaced
 *       atomically; a later call with the same settings resumes after the last completed epoch and
 *       continues exactly as an uninterrupted run would (see {@link GanTrainingRun#save});
 *   <li>{@code samples/epoch-NNN.png}, an 8×8 grid of the same 64 probe codes after every epoch;
 *   <li>{@code training-history.json}, every completed epoch's losses, speed and wall time;
 *   <li>{@code generator.params}, the final generator weights.
 * </ul>
 *
 * <p>Every random draw comes from the settings' seed: initial weights, each epoch's data order
 * ({@link TrainingImages#epoch}), noise and interpolation weights. On one machine with the same
 * thread count, a seed therefore gives the same weights bit for bit (tested on short runs); other
 * CPUs or thread counts may round differently inside PyTorch's kernels.
 */
public final class GanTrainer {

  private static final int REPORT_EVERY_STEPS = 10;
  private static final long PROBE_STREAM = 0x5A3B1E5L;

  private final GanTrainingSettings settings;
  private final InstantSource clock;
  private final ProgressListener progress;

  /**
   * @param clock wall time for images per second and the training time
   * @param progress receives one update every few steps, with epoch, losses and images per second
   */
  public GanTrainer(GanTrainingSettings settings, InstantSource clock, ProgressListener progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Trains for the settings' epochs (or what remains of them after a checkpoint in {@code
   * workDirectory}) on {@code images}.
   *
   * @param images 1×28×28 training images
   */
  public GanTrainingResult train(TrainingImages images, Path workDirectory) throws IOException {
    requireImageShape(images);
    Files.createDirectories(workDirectory.resolve("samples"));
    long started = clock.millis();
    try (GanTrainingRun run = GanTrainingRun.start(settings)) {
      int completed = resume(run, workDirectory.resolve("checkpoint.bin"));
      int stepsPerEpoch = images.batchesPerEpoch(settings.batchSize()) / stepBatches(run);
      if (stepsPerEpoch < 1) {
        throw new IllegalArgumentException(
            String.format(
                "%d training images make no full %s step of %d batches of %d; use more images or a"
                    + " smaller --batch-size.",
                images.size(),
                settings.architecture().id(),
                stepBatches(run),
                settings.batchSize()));
      }
      progress.start(
          "train " + settings.architecture().id() + " seed " + settings.seed(),
          (long) (settings.epochs() - completed) * stepsPerEpoch);
      List<EpochSummary> summaries = new ArrayList<>(earlierEpochs(workDirectory, completed));
      for (int epoch = completed + 1; epoch <= settings.epochs(); epoch++) {
        Plan plan = new Plan(epoch, stepsPerEpoch, (long) (epoch - 1 - completed) * stepsPerEpoch);
        long epochStart = clock.millis();
        EpochSummary summary = runEpoch(run, images, plan, workDirectory);
        writeCheckpoint(run, epoch, workDirectory.resolve("checkpoint.bin"));
        summaries.add(withSeconds(summary, (clock.millis() - epochStart) / 1000.0));
        TrainingHistory.write(workDirectory, summaries);
      }
      Path weights = workDirectory.resolve("generator.params");
      writeAtomically(weights, out -> run.generator().save(out));
      Duration time = Duration.ofMillis(clock.millis() - started);
      progress.finish(summaryLine(summaries.subList(completed, summaries.size()), time));
      return new GanTrainingResult(summaries, completed, time, weights);
    }
  }

  /** Epoch number, its steps, and the progress count before it. */
  private record Plan(int epoch, int stepsPerEpoch, long stepsBefore) {}

  /**
   * Stops a run whose losses are no longer numbers: every later step would be wasted, and the
   * checkpoint of the last finished epoch stays valid for a resume.
   */
  private static void requireFinite(StepLosses losses, int epoch, int step) {
    if (Float.isFinite(losses.adversary()) && Float.isFinite(losses.generator())) {
      return;
    }
    throw new TrainingDivergedException(
        String.format(
            "Training diverged at epoch %d, step %d: adversary loss %s, generator loss %s. The"
                + " last completed epoch's checkpoint is kept. Known case: LSGAN with more than"
                + " one PyTorch thread gives NaN from its first steps on this engine (DJL 0.36 /"
                + " PyTorch 2.7.1 CPU); run it with -Dai.djl.pytorch.num_threads=1, as"
                + " tools/train-zoo.sh does.",
            epoch, step, losses.adversary(), losses.generator()));
  }

  private EpochSummary runEpoch(
      GanTrainingRun run, TrainingImages images, Plan plan, Path directory) throws IOException {
    int epoch = plan.epoch();
    int stepsPerEpoch = plan.stepsPerEpoch();
    Iterator<float[]> batches = images.epoch(settings.seed(), epoch, settings.batchSize());
    SplittableRandom random = new SplittableRandom(settings.epochSeed(epoch));
    long epochStart = clock.millis();
    double adversaryTotal = 0;
    double generatorTotal = 0;
    for (int step = 1; step <= stepsPerEpoch; step++) {
      List<float[]> real = new ArrayList<>();
      for (int k = 0; k < stepBatches(run); k++) {
        real.add(batches.next());
      }
      StepLosses losses = run.step(real, random.split());
      requireFinite(losses, epoch, step);
      adversaryTotal += losses.adversary();
      generatorTotal += losses.generator();
      if (step % REPORT_EVERY_STEPS == 0 || step == stepsPerEpoch) {
        double rate = imagesPerSecond(run, step, epochStart);
        progress.advance(
            plan.stepsBefore() + step,
            String.format(
                "epoch %d/%d  %s %.3f  G %.3f  %.0f img/s",
                epoch,
                settings.epochs(),
                adversaryName(),
                losses.adversary(),
                losses.generator(),
                rate));
      }
    }
    String grid = String.format("samples/epoch-%03d.png", epoch);
    writeSampleGrid(run.generator(), directory.resolve(grid));
    return new EpochSummary(
        epoch,
        adversaryTotal / stepsPerEpoch,
        generatorTotal / stepsPerEpoch,
        imagesPerSecond(run, stepsPerEpoch, epochStart),
        0,
        grid);
  }

  private static EpochSummary withSeconds(EpochSummary s, double seconds) {
    return new EpochSummary(
        s.epoch(),
        s.adversaryLoss(),
        s.generatorLoss(),
        s.imagesPerSecond(),
        seconds,
        s.sampleGrid());
  }

  /**
   * The history of the epochs a resumed checkpoint completed (a history written by a build that
   * kept none is missing: then only this call's epochs are reported).
   */
  private static List<EpochSummary> earlierEpochs(Path directory, int completed)
      throws IOException {
    return TrainingHistory.read(directory).stream().filter(e -> e.epoch() <= completed).toList();
  }

  private int resume(GanTrainingRun run, Path checkpoint) throws IOException {
    if (!Files.exists(checkpoint)) {
      return 0;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint)))) {
      return run.load(in);
    }
  }

  private void writeCheckpoint(GanTrainingRun run, int epoch, Path checkpoint) throws IOException {
    writeAtomically(
        checkpoint,
        out -> {
          DataOutputStream data = new DataOutputStream(out);
          run.save(data, epoch);
          data.flush();
        });
  }

  /** An 8×8 grid of 64 fixed codes drawn from the seed. */
  private void writeSampleGrid(NetworkGeneratorModel generator, Path file) throws IOException {
    SampleGrid.write(generator, probeSeed(settings.seed()), file);
  }

  /** The seed of the probe codes in every sample grid of a run with this training seed. */
  public static long probeSeed(long trainingSeed) {
    return trainingSeed ^ PROBE_STREAM;
  }

  private interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path file, StreamWriter writer) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
      writer.write(out);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private int stepBatches(GanTrainingRun run) {
    return run.adversaryStepsPerGeneratorStep();
  }

  private double imagesPerSecond(GanTrainingRun run, int steps, long since) {
    double seconds = Math.max(1e-3, (clock.millis() - since) / 1000.0);
    return (double) steps * stepBatches(run) * settings.batchSize() / seconds;
  }

  private String adversaryName() {
    return switch (settings.architecture()) {
      case WGAN_GP -> "critic";
      case EBGAN -> "energy-D";
      default -> "D";
    };
  }

  private void requireImageShape(TrainingImages images) {
    if (images.channels() != 1 || images.height() != 28 || images.width() != 28) {
      throw new IllegalArgumentException(
          String.format(
              "Training images are %d×%d×%d; the zoo's generators make 1×28×28. Convert the"
                  + " images to 28×28 grayscale first.",
              images.channels(), images.height(), images.width()));
    }
  }

  private static String summaryLine(List<EpochSummary> epochs, Duration time) {
    if (epochs.isEmpty()) {
      return "nothing to do: the checkpoint has already completed every epoch";
    }
    EpochSummary last = epochs.get(epochs.size() - 1);
    return String.format(
        "%d epoch(s) in %d min %02d s; last epoch losses %.3f / %.3f at %.0f img/s",
        epochs.size(),
        time.toMinutes(),
        time.toSecondsPart(),
        last.adversaryLoss(),
        last.generatorLoss(),
        last.imagesPerSecond());
  }
}
