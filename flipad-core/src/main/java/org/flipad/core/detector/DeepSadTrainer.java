package org.flipad.core.detector;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.time.Duration;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.generator.training.AdamParameters;
import org.flipad.core.generator.training.Autograd;
import org.flipad.core.progress.ProgressListener;

/**
 * Trains a DeepSAD detector (Ruff et al. 2020; FLIPAD.md section 4): builds φ from the seed,
 * computes the centre c ({@link HypersphereCentre}), then minimises the mean {@link DeepSadLoss}
 * with Adam (coupled weight decay, learning rate × 0.1 after the milestone epoch) over shuffled
 * mini-batches, BatchNorm in training mode. No autoencoder pretraining.
 *
 * <p>Randomness: a {@link SplittableRandom} of the seed gives the initial weights' seed first, then
 * a stream that shuffles the sample order at the start of every epoch. A trailing batch of one
 * sample is skipped (BatchNorm needs two); the shuffle moves which sample that is.
 */
public final class DeepSadTrainer {

  private final DeepSadSettings settings;
  private final InstantSource clock;
  private final ProgressListener progress;

  /**
   * @param settings the recipe and seed
   * @param clock wall time for samples per second and the training time
   * @param progress receives one update per epoch: epoch, mean loss, samples per second
   */
  public DeepSadTrainer(DeepSadSettings settings, InstantSource clock, ProgressListener progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Trains on labelled features, the same every epoch.
   *
   * @param shape the C×H×W of one sample
   * @param features N ≥ 2 samples, each C·H·W float32 values in C order
   * @param labels ỹ per sample: {@link DeepSadLoss#TARGET} (+1), {@link DeepSadLoss#OTHER} (−1) or
   *     {@link DeepSadLoss#UNLABELLED} (0)
   * @return the trained model (the caller closes it) and the loss of each epoch
   */
  public DeepSadTrainingResult train(FeatureShape shape, float[][] features, int[] labels) {
    LabelledRows rows = new LabelledRows(features, labels);
    return train(shape, epoch -> rows);
  }

  /**
   * Trains on samples that may change from epoch to epoch (fresh draws of the same sources).
   *
   * @param shape the C×H×W of one sample
   * @param samples each epoch's labelled rows; epoch 0's also place the centre c
   * @return the trained model (the caller closes it) and the loss of each epoch
   */
  public DeepSadTrainingResult train(FeatureShape shape, EpochSamples samples) {
    long started = clock.millis();
    LabelledRows first = samples.epoch(0);
    SplittableRandom root = new SplittableRandom(settings.seed());
    DeepSadNetwork network = settings.architecture().newNetwork(shape, root.nextLong());
    first.require(network);
    Model model = DeepSadModel.initialisedModel(network);
    try (NDManager adamState = model.getNDManager().newSubManager()) {
      float[] centre =
          HypersphereCentre.of(
              network, model.getNDManager(), first.features(), settings.batchSize());
      AdamParameters adam = new AdamParameters(network.block(), adamState, settings.adam());
      Epochs epochs = new Epochs(network, model.getNDManager(), centre, adam);
      double[] losses = epochs.run(first, samples, root.split());
      Duration time = Duration.ofMillis(clock.millis() - started);
      progress.finish(String.format("DeepSAD trained in %d s", time.toSeconds()));
      return new DeepSadTrainingResult(new DeepSadModel(network, model, centre), losses, time);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The samples DeepSAD trains on in each epoch. */
  @FunctionalInterface
  public interface EpochSamples {
    /**
     * @param epoch 0-based
     * @return that epoch's labelled rows, ≥ 2
     */
    LabelledRows epoch(int epoch);
  }

  /**
   * Samples and their labels.
   *
   * @param features N samples, each C·H·W float32 values in C order
   * @param labels ỹ per sample: {@link DeepSadLoss#TARGET} (+1), {@link DeepSadLoss#OTHER} (−1) or
   *     {@link DeepSadLoss#UNLABELLED} (0)
   */
  public record LabelledRows(float[][] features, int[] labels) {

    void require(DeepSadNetwork network) {
      if (features.length < 2) {
        throw new IllegalArgumentException(
            "DeepSAD got " + features.length + " training samples; expected at least 2.");
      }
      FeatureRows.requireShape(features, network);
      DeepSadLoss.requireLabels(labels, features.length);
    }
  }

  /** The epoch loop over one network, its centre and its Adam state. */
  private final class Epochs {
    private final DeepSadNetwork network;
    private final NDManager manager;
    private final float[] centre;
    private final AdamParameters adam;

    Epochs(DeepSadNetwork network, NDManager manager, float[] centre, AdamParameters adam) {
      this.network = network;
      this.manager = manager;
      this.centre = centre;
      this.adam = adam;
    }

    double[] run(LabelledRows first, EpochSamples samples, SplittableRandom shuffling) {
      double[] losses = new double[settings.epochs()];
      LabelledRows rows = first;
      // One order carried from epoch to epoch and shuffled again each time, so that training on
      // the same rows every epoch gives what it always gave.
      int[] order = FeatureRows.identity(rows.features().length);
      progress.start("DeepSAD " + network.architecture().id(), settings.epochs());
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        if (epoch > 0) {
          LabelledRows next = samples.epoch(epoch);
          if (next != rows) {
            next.require(network);
            rows = next;
          }
          if (order.length != rows.features().length) {
            order = FeatureRows.identity(rows.features().length);
          }
        }
        long epochStart = clock.millis();
        adam.setLearningRateScale(settings.learningRateScale(epoch));
        shuffle(order, shuffling);
        losses[epoch] = epoch(rows.features(), rows.labels(), order);
        double seconds = Math.max(1e-3, (clock.millis() - epochStart) / 1000.0);
        progress.advance(
            epoch + 1,
            String.format(
                "epoch %d/%d loss %.6g, %.0f samples/s",
                epoch + 1, settings.epochs(), losses[epoch], rows.features().length / seconds));
      }
      return losses;
    }

    /** One pass; returns the sample-weighted mean loss. */
    private double epoch(float[][] features, int[] labels, int[] order) {
      double sum = 0;
      int count = 0;
      for (int from = 0; from < order.length; from += settings.batchSize()) {
        int to = Math.min(order.length, from + settings.batchSize());
        if (to - from >= 2) {
          sum += (double) step(features, labels, order, from, to) * (to - from);
          count += to - from;
        }
      }
      return sum / count;
    }

    /** One Adam step on the samples order[from…to − 1]; returns their mean loss. */
    private float step(float[][] features, int[] labels, int[] order, int from, int to) {
      float[] y = new float[to - from];
      for (int i = from; i < to; i++) {
        y[i - from] = labels[order[i]];
      }
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = FeatureRows.batch(scope, network, features, order, from, to);
        NDArray yArray = scope.create(y);
        NDArray c = scope.create(centre);
        NDArray loss =
            Autograd.recording(
                () -> {
                  NDArray d = DeepSadLoss.squaredDistances(network.represent(scope, x, true), c);
                  return DeepSadLoss.mean(d, yArray, settings.eta(), settings.epsilon());
                });
        Autograd.backward(loss);
        adam.step();
        return loss.getFloat();
      }
    }
  }

  /** Fisher–Yates in place from {@code random}. */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
