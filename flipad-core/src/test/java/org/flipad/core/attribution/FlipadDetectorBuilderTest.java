package org.flipad.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.Thresholds;
import org.flipad.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FlipadDetectorBuilderTest {

  /** A committed zoo generator; tests run in flipad-core, so the zoo is one level up. */
  static final Path DCGAN = Path.of("..", "models", "zoo", "dcgan-seed1");

  private static final long SEED = 7;

  @TempDir Path dir;

  /**
   * Tiny sizes with the product's min-norm inversion and the small LeNet: enough for every step to
   * run, far too few for a useful detector.
   */
  static FlipadDetectorSettings tinySettings(int train, int validation, int epochs) {
    return new FlipadDetectorSettings(
        train,
        validation,
        epochs,
        SEED,
        InversionSettings.defaults().withThreads(2),
        org.flipad.core.detector.DeepSadArchitecture.LENET,
        32);
  }

  static Detector buildTiny(int train, int validation, int epochs) throws IOException {
    GeneratorBundle generator = GeneratorBundles.read(DCGAN);
    List<Image8> negatives = FashionMnist.testSubset().images().subList(0, train + validation);
    return new FlipadDetectorBuilder(
            tinySettings(train, validation, epochs), InstantSource.system(), ProgressListener.NONE)
        .build(generator, negatives);
  }

  @Test
  @Timeout(900) // a hang guard only: the build takes about 20 s on two quiet cores
  void shouldBuildALoadableBundleWithValidationResultsWhenTrainedOnTinySizes() throws IOException {
    Path file = dir.resolve("dcgan-seed1" + DetectorBundles.EXTENSION);
    String sha256;
    try (Detector detector = buildTiny(64, 32, 2)) {
      ValidationSummary validation = detector.description().validation();
      assertThat(validation.targetTraining()).isEqualTo(64);
      assertThat(validation.negativeTraining()).isEqualTo(64);
      assertThat(validation.validation()).isEqualTo(32);
      assertThat(validation.heldOutNegative()).isEqualTo(32);
      assertThat(validation.heldOutTarget()).isEqualTo(32);
      assertThat(validation.auroc()).as("seed %d", SEED).isBetween(0.0, 1.0);
      assertThat(validation.headlineAccuracy()).as("seed %d", SEED).isBetween(0.0, 1.0);
      assertThat(detector.description().modelId()).isEqualTo("dcgan-seed1");
      assertThat(detector.description().inversion().recipe()).isEqualTo(InversionRecipe.MIN_NORM);
      assertThat(detector.description().negatives())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.trained()).isEqualTo(64);
                assertThat(n.heldOut()).isEqualTo(32);
                assertThat(n.kind()).isEqualTo(NegativeSource.Kind.REAL);
              });
      assertThat(validation.sources())
          .singleElement()
          .satisfies(s -> assertThat(s.tnrFivePercent()).isBetween(0.0, 1.0));
      assertThat(detector.description().generatorDigest())
          .isEqualTo(GeneratorBundles.read(DCGAN).digest());
      assertThat(detector.description().epochLosses()).hasSize(2);
      assertThat(detector.description().timesSeconds())
          .containsKeys("features", "deepSad", "total");
      assertThat(detector.thresholds().size()).isEqualTo(32);
      sha256 = DetectorBundles.write(detector, file);
    }
    try (Detector loaded = DetectorBundles.read(file, sha256)) {
      assertThat(loaded.description().inversion().recipe()).isEqualTo(InversionRecipe.MIN_NORM);
      assertThat(loaded.description().negatives()).hasSize(1);
      assertThat(loaded.description().validation().sources()).hasSize(1);
      List<Attribution> attributions =
          loaded.attribute(FashionMnist.testSubset().images().subList(1_990, 1_992));
      assertThat(attributions).hasSize(2);
      assertThat(attributions.get(0).decisions()).hasSize(Thresholds.LEVELS.size());
      assertThat(attributions.get(0).pValue()).isBetween(0.0, 1.0);
    }
  }

  /**
   * With fresh draws the first epoch trains on the same rows as without (its loss is the same), the
   * second on new samples of the target (its loss differs), and the build records the seed of those
   * draws.
   */
  @Test
  @Timeout(900) // a hang guard only: the two builds take about 30 s on two quiet cores
  void shouldTrainTheFirstEpochAlikeAndLaterEpochsOnFreshTargetDrawsWhenAsked() throws IOException {
    GeneratorBundle generator = GeneratorBundles.read(DCGAN);
    List<Image8> negatives = FashionMnist.testSubset().images().subList(0, 48);
    FlipadDetectorSettings once = tinySettings(32, 16, 2);
    List<Double> onceLosses;
    try (Detector detector =
        new FlipadDetectorBuilder(once, InstantSource.system(), ProgressListener.NONE)
            .build(generator, negatives)) {
      onceLosses = detector.description().epochLosses();
      assertThat(detector.description().seeds()).doesNotContainKey("epochDraws");
    }
    try (Detector detector =
        new FlipadDetectorBuilder(
                once.withFreshDraws(true), InstantSource.system(), ProgressListener.NONE)
            .build(generator, negatives)) {
      List<Double> freshLosses = detector.description().epochLosses();
      assertThat(freshLosses.get(0)).isEqualTo(onceLosses.get(0));
      assertThat(freshLosses.get(1)).isNotEqualTo(onceLosses.get(1));
      assertThat(detector.description().seeds()).containsEntry("epochDraws", SEED + 5);
      assertThat(detector.description().validation().targetTraining()).isEqualTo(32);
    }
  }
}
