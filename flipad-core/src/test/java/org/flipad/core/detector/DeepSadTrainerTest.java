package org.flipad.core.detector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DeepSAD end to end on two Gaussian blobs (1×8×8, target N(0, 1), other N(0.5, 1) per value), 200
 * training samples each, trained once for the class; plus the networks' shapes and parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepSadTrainerTest {

  private static final long SEED = 20_260_511L;
  private static final FeatureShape SHAPE = new FeatureShape(1, 8, 8);
  private static final float OTHER_MEAN = 0.5f;

  private final List<String> progress = new ArrayList<>();
  private DeepSadTrainingResult result;
  private double[] targetScores;
  private double[] otherScores;

  @BeforeAll
  void train() {
    SplittableRandom random = new SplittableRandom(SEED);
    float[][] target = TestBlobs.gaussian(random, 200, SHAPE.size(), 0f);
    float[][] other = TestBlobs.gaussian(random, 200, SHAPE.size(), OTHER_MEAN);
    int[] labels = new int[400];
    Arrays.fill(labels, 0, 200, DeepSadLoss.TARGET);
    Arrays.fill(labels, 200, 400, DeepSadLoss.OTHER);
    DeepSadSettings settings = DeepSadSettings.defaults(SEED).withEpochs(6, 4).withBatchSize(32);
    result =
        new DeepSadTrainer(settings, InstantSource.system(), recorder())
            .train(SHAPE, TestBlobs.concat(target, other), labels);
    targetScores = result.model().score(TestBlobs.gaussian(random, 200, SHAPE.size(), 0f));
    otherScores = result.model().score(TestBlobs.gaussian(random, 200, SHAPE.size(), OTHER_MEAN));
  }

  @Test
  void shouldScoreHeldOutTargetSamplesLowerThanOthersWhenTrainedOnTwoBlobs() {
    double auroc = TestBlobs.auroc(targetScores, otherScores);
    double ratio = TestBlobs.mean(otherScores) / TestBlobs.mean(targetScores);
    System.out.printf(
        "DeepSAD blobs: AUROC %.4f, mean score other/target %.2f, epoch losses %s%n",
        auroc, ratio, Arrays.toString(result.epochLosses()));
    assertThat(auroc).isGreaterThan(0.95);
    assertThat(ratio).isGreaterThan(2);
    assertThat(result.epochLosses()[5]).isLessThan(result.epochLosses()[0]);
  }

  @Test
  void shouldReportEpochLossAndSamplesPerSecondWhenTraining() {
    assertThat(progress).hasSize(6 + 2);
    assertThat(progress.get(0)).startsWith("start DeepSAD lenet 6");
    assertThat(progress.get(1)).matches("1 epoch 1/6 loss [-0-9.e]+, \\d+ samples/s");
    assertThat(progress.get(7)).startsWith("finish DeepSAD trained in");
  }

  @Test
  void shouldGiveIdenticalScoresWhenSavedAndLoaded() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    result.model().save(bytes);
    float[][] features = TestBlobs.gaussian(new SplittableRandom(SEED + 1), 5, SHAPE.size(), 0f);
    try (DeepSadModel loaded = DeepSadModel.load(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(loaded.architecture()).isEqualTo(DeepSadArchitecture.LENET);
      assertThat(loaded.inputShape()).isEqualTo(SHAPE);
      assertThat(loaded.centre()).containsExactly(result.model().centre());
      assertThat(loaded.score(features)).containsExactly(result.model().score(features));
    }
  }

  @Test
  void shouldAskForEachLaterEpochsRowsOnceInOrderAndRefuseRowsWithoutTheirLabels() {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    int[] labels = new int[40];
    Arrays.fill(labels, 0, 20, DeepSadLoss.TARGET);
    Arrays.fill(labels, 20, 40, DeepSadLoss.OTHER);
    DeepSadTrainer.LabelledRows first =
        new DeepSadTrainer.LabelledRows(
            TestBlobs.concat(
                TestBlobs.gaussian(random, 20, SHAPE.size(), 0f),
                TestBlobs.gaussian(random, 20, SHAPE.size(), OTHER_MEAN)),
            labels);
    List<Integer> asked = new ArrayList<>();
    DeepSadSettings settings = DeepSadSettings.defaults(SEED).withEpochs(3, 2).withBatchSize(16);
    try (DeepSadModel model =
        new DeepSadTrainer(settings, InstantSource.system(), ProgressListener.NONE)
            .train(
                SHAPE,
                epoch -> {
                  asked.add(epoch);
                  return first;
                })
            .model()) {
      assertThat(asked).containsExactly(0, 1, 2);
    }

    DeepSadTrainer.LabelledRows unlabelled =
        new DeepSadTrainer.LabelledRows(first.features(), Arrays.copyOf(labels, 39));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DeepSadTrainer(settings, InstantSource.system(), ProgressListener.NONE)
                    .train(SHAPE, epoch -> epoch == 0 ? first : unlabelled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label");
  }

  /**
   * Thirty samples per class of two close blobs (means 0 and 0.2 in 64 dimensions): trained on the
   * same draw every epoch the network learns the draw; given a fresh draw of the same two blobs
   * every epoch it learns the blobs, and separates new samples better.
   */
  @Test
  void shouldSeparateHeldOutSamplesBetterWhenEveryEpochIsAFreshDraw() {
    float closeMean = 0.2f;
    DeepSadSettings settings = DeepSadSettings.defaults(SEED).withEpochs(20, 15).withBatchSize(20);
    int[] labels = new int[60];
    Arrays.fill(labels, 0, 30, DeepSadLoss.TARGET);
    Arrays.fill(labels, 30, 60, DeepSadLoss.OTHER);
    DeepSadTrainer.EpochSamples fresh =
        epoch -> {
          SplittableRandom random = new SplittableRandom(SEED + 100 + epoch);
          return new DeepSadTrainer.LabelledRows(
              TestBlobs.concat(
                  TestBlobs.gaussian(random, 30, SHAPE.size(), 0f),
                  TestBlobs.gaussian(random, 30, SHAPE.size(), closeMean)),
              labels);
        };
    DeepSadTrainer.LabelledRows once = fresh.epoch(0);
    double[] auroc = new double[2];
    int i = 0;
    for (DeepSadTrainer.EpochSamples samples :
        List.<DeepSadTrainer.EpochSamples>of(epoch -> once, fresh)) {
      try (DeepSadModel model =
          new DeepSadTrainer(settings, InstantSource.system(), ProgressListener.NONE)
              .train(SHAPE, samples)
              .model()) {
        SplittableRandom test = new SplittableRandom(SEED + 99);
        auroc[i++] =
            TestBlobs.auroc(
                model.score(TestBlobs.gaussian(test, 300, SHAPE.size(), 0f)),
                model.score(TestBlobs.gaussian(test, 300, SHAPE.size(), closeMean)));
      }
    }
    System.out.printf("held-out AUROC: the same draw %.4f, fresh draws %.4f%n", auroc[0], auroc[1]);
    assertThat(auroc[1]).isGreaterThan(auroc[0] + 0.02);
  }

  @Test
  void shouldKeepTheManagedArrayCountFlatWhenScoringRepeatedly() {
    float[][] features = TestBlobs.gaussian(new SplittableRandom(SEED + 2), 300, SHAPE.size(), 0f);
    NDManager manager = result.model().manager();
    result.model().score(features);
    int before = manager.getManagedArrays().size();
    for (int i = 0; i < 10; i++) {
      result.model().score(features);
    }
    assertThat(manager.getManagedArrays().size()).isEqualTo(before);
  }

  @Test
  void shouldTrainOnlyBiasFreeWeightsAndMapFeatureMapsToThirtyTwoDimensions() {
    assertTrainableWeights(DeepSadArchitecture.LENET, new FeatureShape(64, 14, 14), 3);
    assertTrainableWeights(DeepSadArchitecture.LENET, new FeatureShape(1, 28, 28), 3);
    assertTrainableWeights(DeepSadArchitecture.MLP, new FeatureShape(20, 1, 1), 3);
  }

  private static void assertTrainableWeights(
      DeepSadArchitecture architecture, FeatureShape input, int expectedWeights) {
    DeepSadNetwork network = architecture.newNetwork(input, SEED);
    try (NDManager manager = NDManager.newBaseManager()) {
      network.block().initialize(manager, DataType.FLOAT32, network.batchShape(2));
      Shape output = network.block().getOutputShapes(new Shape[] {network.batchShape(2)})[0];
      assertThat(output).isEqualTo(new Shape(2, 32));
      int weights = 0;
      for (Pair<String, Parameter> entry : network.block().getParameters()) {
        Parameter parameter = entry.getValue();
        if (parameter.requiresGradient()) {
          assertThat(parameter.getType()).as(entry.getKey()).isEqualTo(Parameter.Type.WEIGHT);
          weights++;
        }
      }
      assertThat(weights).as(architecture + " " + input).isEqualTo(expectedWeights);
    }
  }

  private ProgressListener recorder() {
    return new ProgressListener() {
      @Override
      public void start(String task, long total) {
        progress.add("start " + task + " " + total);
      }

      @Override
      public void advance(long done, String detail) {
        progress.add(done + " " + detail);
      }

      @Override
      public void finish(String summary) {
        progress.add("finish " + summary);
      }
    };
  }
}
