package org.flipad.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.Image8;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A small FLIPAD detector for a committed generator, trained against a negative bank of real images
 * and two other committed generators, must refuse fresh samples of a bank generator and still
 * attribute fresh samples of its target, at FNR 5 %. Real generators, real minimum-norm inversion,
 * real DeepSAD; nothing is mocked. Sizes are chosen to run in about a minute.
 */
class NegativeBankSeparationTest {

  private static final Path ZOO = Path.of("..", "models", "zoo");
  private static final long FRESH_SEED = 987_654_321L;
  private static final int FRESH = 200;
  private static final double FNR = 0.05;

  @Test
  @Timeout(900)
  void shouldRefuseABankGeneratorAndAttributeTheTargetWhenTrainedWithABank() throws IOException {
    FlipadDetectorSettings settings =
        new FlipadDetectorSettings(
            600, 200, 20, 3, InversionSettings.defaults(), DeepSadArchitecture.LENET, 32);
    GeneratorBundle target = GeneratorBundles.read(ZOO.resolve("dcgan-seed1"));
    List<String> bank =
        List.of(
            "fashion-mnist-subset:1",
            ZOO.resolve("lsgan-seed2") + ":1",
            ZOO.resolve("wgan-gp-seed2") + ":1");
    try (NegativeBank negatives = NegativeBank.open(bank, target);
        Detector detector =
            new FlipadDetectorBuilder(settings, InstantSource.system(), ProgressListener.NONE)
                .build(target, negatives.sources(), null)) {
      assertThat(detector.description().negatives())
          .extracting(NegativeSourceRecord::name)
          .containsExactly("fashion-mnist-subset", "lsgan-seed2", "wgan-gp-seed2");
      double refused = 1 - attributedShare(detector, ZOO.resolve("lsgan-seed2"));
      double attributed = attributedShare(detector, ZOO.resolve("dcgan-seed1"));
      assertThat(refused)
          .as("fresh lsgan-seed2 samples refused at FNR 5 %%, seed %d", FRESH_SEED)
          .isGreaterThanOrEqualTo(0.90);
      assertThat(attributed)
          .as("fresh dcgan-seed1 samples attributed at FNR 5 %%, seed %d", FRESH_SEED)
          .isGreaterThanOrEqualTo(0.90);
    }
  }

  /** The share of {@link #FRESH} new samples of {@code generator} attributed at FNR 5 %. */
  private static double attributedShare(Detector detector, Path generator) throws IOException {
    List<Image8> fresh;
    try (GeneratorModel model = GeneratorBundles.read(generator).load()) {
      fresh = new GeneratorImageSource("fresh", model).draw(FRESH, FRESH_SEED);
    }
    long attributed =
        detector.attribute(fresh).stream().filter(a -> a.decisionAt(FNR).fromTarget()).count();
    return attributed / (double) FRESH;
  }
}
