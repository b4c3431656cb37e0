package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.data.perturbation.Perturbations;
import org.flipad.core.detector.DeepSadArchitecture;
import org.flipad.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation protocol end to end on the committed zoo, at toy sizes (the figures mean nothing
 * here; the structure does): which detectors are trained, which sources each one is tested on and
 * in which group, that the held-out-architecture condition has the served fusion too, and that a
 * second run with the same cache trains nothing and reports the same scores.
 */
class EvaluationProtocolTest {

  private static final Path ZOO = Path.of("..", "models", "zoo");

  @Test
  @Timeout(900)
  void shouldTestEachGroupWithItsDetectorAndResumeFromTheCache(@TempDir Path cacheDirectory)
      throws IOException {
    EvaluationSettings settings =
        new EvaluationSettings(
            24,
            16,
            8,
            1,
            1,
            List.of(EvaluationMethod.FLIPAD, EvaluationMethod.RAWPAD, EvaluationMethod.FUSION),
            List.of(InversionRecipe.MIN_NORM),
            DeepSadArchitecture.MLP,
            8,
            true,
            true,
            Perturbations.parse("none"),
            List.of("dcgan"),
            List.of("dcgan"),
            3,
            false);
    List<Image8> subset = FashionMnist.testSubset().images();
    RealImageSource realTrain = new RealImageSource("real", subset.subList(0, 1000));
    RealImageSource realTest = new RealImageSource("real", subset.subList(1000, 2000));
    MethodRunner runner =
        new MethodRunner(
            settings.deepSadEpochs(),
            settings.batchSize(),
            settings.network(),
            InstantSource.system());
    List<ZooModel> zoo = ZooModel.list(ZOO);

    CountingProgress firstProgress = new CountingProgress();
    DetectorScoreCache firstCache = DetectorScoreCache.in(cacheDirectory);
    List<Comparison> first =
        new EvaluationProtocol(settings, realTrain, realTest, runner, firstCache, firstProgress)
            .run(zoo);

    // Main detectors: FLIPAD and RawPAD; held-out architecture (EBGAN follows DCGAN): both again.
    assertThat(firstProgress.total).isEqualTo(4);
    assertThat(firstCache.stores()).isEqualTo(4);
    assertThat(firstCache.hits()).isZero();

    Set<String> ebgan = Set.of("ebgan-seed1", "ebgan-seed2", "ebgan-seed3");
    for (String method : List.of("flipad-min-norm", "rawpad", "fusion")) {
      Map<SourceGroup, Set<String>> sources = sourcesByGroup(first, method);
      assertThat(sources.get(SourceGroup.REAL)).as(method).containsExactly("real");
      assertThat(sources.get(SourceGroup.BANK))
          .as(method + ": runs 2 and 3 of every architecture, the target's own included")
          .containsExactlyInAnyOrder(
              "dcgan-seed2",
              "dcgan-seed3",
              "ebgan-seed2",
              "ebgan-seed3",
              "lsgan-seed2",
              "lsgan-seed3",
              "wgan-gp-seed2",
              "wgan-gp-seed3");
      assertThat(sources.get(SourceGroup.UNSEEN_RUN))
          .as(method)
          .containsExactlyInAnyOrder("ebgan-seed1", "lsgan-seed1", "wgan-gp-seed1");
      assertThat(sources.get(SourceGroup.HELD_OUT_ARCHITECTURE))
          .as(method + ": every run of the architecture its second bank left out")
          .isEqualTo(ebgan);
    }
    assertThat(first).allSatisfy(c -> assertThat(c.target()).isEqualTo("dcgan-seed1"));
    assertThat(first)
        .allSatisfy(c -> assertThat(c.targetScores()).hasSize(8))
        .allSatisfy(c -> assertThat(c.otherScores()).hasSize(8));

    CountingProgress secondProgress = new CountingProgress();
    DetectorScoreCache secondCache = DetectorScoreCache.in(cacheDirectory);
    List<Comparison> second =
        new EvaluationProtocol(settings, realTrain, realTest, runner, secondCache, secondProgress)
            .run(zoo);
    assertThat(secondCache.hits()).isEqualTo(4);
    assertThat(secondCache.stores()).isZero();
    assertThat(secondProgress.skipped).isEqualTo(4);
    assertThat(scores(second)).isEqualTo(scores(first));

    // Fresh draws: a FLIPAD detector of its own (not the fixed-draw one from the cache), trained
    // on other images after its first epoch, so its scores differ.
    List<List<String>> flipadScores = new ArrayList<>();
    for (boolean fresh : List.of(false, true)) {
      EvaluationSettings twoEpochs =
          new EvaluationSettings(
              24,
              16,
              8,
              1,
              2,
              List.of(EvaluationMethod.FLIPAD),
              List.of(InversionRecipe.MIN_NORM),
              DeepSadArchitecture.MLP,
              8,
              true,
              false,
              Perturbations.parse("none"),
              List.of("dcgan"),
              List.of("dcgan"),
              3,
              fresh);
      DetectorScoreCache cache = DetectorScoreCache.in(cacheDirectory);
      List<Comparison> run =
          new EvaluationProtocol(
                  twoEpochs,
                  realTrain,
                  realTest,
                  new MethodRunner(2, 8, DeepSadArchitecture.MLP, InstantSource.system()),
                  cache,
                  ProgressListener.NONE)
              .run(zoo);
      assertThat(cache.hits()).as("fresh draws %s", fresh).isZero();
      assertThat(cache.stores()).as("fresh draws %s", fresh).isEqualTo(1);
      flipadScores.add(scores(run));
    }
    assertThat(flipadScores.get(1)).isNotEqualTo(flipadScores.get(0));
  }

  private static Map<SourceGroup, Set<String>> sourcesByGroup(
      List<Comparison> comparisons, String method) {
    return comparisons.stream()
        .filter(c -> c.method().equals(method))
        .collect(
            Collectors.groupingBy(
                Comparison::group,
                TreeMap::new,
                Collectors.mapping(Comparison::source, Collectors.toCollection(TreeSet::new))));
  }

  /** Every comparison's identity and scores, in a form lists can be compared by. */
  private static List<String> scores(List<Comparison> comparisons) {
    List<String> lines = new ArrayList<>();
    for (Comparison c : comparisons) {
      lines.add(
          String.join(
              " ",
              c.method(),
              c.group().name(),
              c.source(),
              java.util.Arrays.toString(c.targetScores()),
              java.util.Arrays.toString(c.otherScores()),
              Double.toString(c.threshold())));
    }
    return lines;
  }

  /** Counts the units a run announces and the ones it loads instead of training. */
  private static final class CountingProgress implements ProgressListener {
    long total;
    long skipped;

    @Override
    public void start(String task, long total) {
      this.total = total;
    }

    @Override
    public void advance(long done, String detail) {}

    @Override
    public void skipped(long units) {
      skipped += units;
    }

    @Override
    public void finish(String summary) {}
  }
}
