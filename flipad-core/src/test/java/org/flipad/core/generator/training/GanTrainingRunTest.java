package org.flipad.core.generator.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.flipad.core.generator.LatentNoise;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GanTrainingRunTest {

  private static final int BATCH = 8;

  private static GanTrainingSettings settings(GanArchitecture architecture) {
    return new GanTrainingSettings(architecture, 11, 1, BATCH);
  }

  private static float[][] probe() {
    return LatentNoise.draw(new SplittableRandom(5), 2, 100);
  }

  @ParameterizedTest
  @EnumSource(GanArchitecture.class)
  void shouldChangeTheGeneratorWithFiniteLossesWhenTakingOneStep(GanArchitecture architecture) {
    try (GanTrainingRun run = GanTrainingRun.start(settings(architecture))) {
      float[][] before = run.generator().sample(probe());
      StepLosses losses = run.step(RandomBatches.forStep(run, BATCH, 0), new SplittableRandom(3));
      float[][] after = run.generator().sample(probe());
      assertThat(losses.adversary()).isFinite();
      assertThat(losses.generator()).isFinite();
      assertThat(after[0]).isNotEqualTo(before[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(GanArchitecture.class)
  void shouldKeepEveryManagerFlatWhenStepping(GanArchitecture architecture) {
    try (GanTrainingRun run = GanTrainingRun.start(settings(architecture))) {
      run.step(RandomBatches.forStep(run, BATCH, 0), new SplittableRandom(3));
      int generatorArrays = run.generator().manager().getManagedArrays().size();
      int adversaryArrays = run.adversaryManager().getManagedArrays().size();
      run.step(RandomBatches.forStep(run, BATCH, 1), new SplittableRandom(4));
      assertThat(run.generator().manager().getManagedArrays()).hasSize(generatorArrays);
      assertThat(run.adversaryManager().getManagedArrays()).hasSize(adversaryArrays);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GanArchitecture.class,
      names = {"DCGAN", "WGAN_GP"})
  void shouldRepeatTheSameWeightsBitForBitWhenRunTwiceWithOneSeed(GanArchitecture architecture) {
    float[][] first = twoSteps(architecture);
    float[][] second = twoSteps(architecture);
    assertThat(second).isDeepEqualTo(first);
  }

  private static float[][] twoSteps(GanArchitecture architecture) {
    try (GanTrainingRun run = GanTrainingRun.start(settings(architecture))) {
      run.step(RandomBatches.forStep(run, BATCH, 0), new SplittableRandom(3));
      run.step(RandomBatches.forStep(run, BATCH, 1), new SplittableRandom(4));
      return run.generator().sample(probe());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GanArchitecture.class,
      names = {"DCGAN", "EBGAN"})
  void shouldContinueExactlyWhenResumedFromACheckpoint(GanArchitecture architecture)
      throws IOException {
    float[][] uninterrupted;
    byte[] checkpoint;
    try (GanTrainingRun run = GanTrainingRun.start(settings(architecture))) {
      run.step(RandomBatches.forStep(run, BATCH, 0), new SplittableRandom(3));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      run.save(new DataOutputStream(bytes), 1);
      checkpoint = bytes.toByteArray();
      run.step(RandomBatches.forStep(run, BATCH, 1), new SplittableRandom(4));
      uninterrupted = run.generator().sample(probe());
    }
    try (GanTrainingRun resumed = GanTrainingRun.start(settings(architecture))) {
      int completed = resumed.load(new DataInputStream(new ByteArrayInputStream(checkpoint)));
      resumed.step(RandomBatches.forStep(resumed, BATCH, 1), new SplittableRandom(4));
      assertThat(completed).isEqualTo(1);
      assertThat(resumed.generator().sample(probe())).isDeepEqualTo(uninterrupted);
    }
  }
}
