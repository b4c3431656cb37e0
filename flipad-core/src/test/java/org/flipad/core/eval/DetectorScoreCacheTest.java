package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorScoreCacheTest {

  @TempDir Path directory;

  private static Image8 image(int value) {
    byte[] pixels = new byte[4];
    java.util.Arrays.fill(pixels, (byte) value);
    return new Image8(1, 2, 2, pixels);
  }

  private static List<Image8> images(int from, int count) {
    List<Image8> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(image(from + i));
    }
    return images;
  }

  private static MethodRun run(List<Image8> negatives) {
    Map<String, List<Image8>> tests = new LinkedHashMap<>();
    tests.put("real", images(100, 3));
    tests.put("lsgan-seed1", images(110, 3));
    DrawnImages drawn =
        new DrawnImages(images(0, 4), negatives, List.of(), images(20, 2), images(30, 3), tests);
    Map<String, SourceGroup> groups = new LinkedHashMap<>();
    groups.put("real", SourceGroup.REAL);
    groups.put("lsgan-seed1", SourceGroup.UNSEEN_RUN);
    return new MethodRun(null, EvaluationMethod.RAWPAD, null, "none", 0, drawn, negatives, groups);
  }

  private static MethodScores scores(MethodRun run) {
    Map<String, double[]> sources = new LinkedHashMap<>();
    sources.put("real", new double[] {5, 6, 7});
    sources.put("lsgan-seed1", new double[] {8, 9, Double.NaN});
    return new MethodScores(
        run, new double[] {0.5, 1.5}, new double[] {1, 2, 3}, sources, 1e-4, 2e-5);
  }

  @Test
  void shouldReturnTheStoredScoresOfTheSameRunExactly() throws Exception {
    MethodRun run = run(images(10, 4));
    String key = DetectorScoreCache.key("rawpad lenet epochs 2", 7, "bundle abc", run);
    DetectorScoreCache cache = DetectorScoreCache.in(directory.resolve("cache"));
    assertThat(cache.load(key, run)).isEmpty();
    cache.store(key, scores(run));

    DetectorScoreCache reopened = DetectorScoreCache.in(directory.resolve("cache"));
    MethodScores loaded = reopened.load(key, run).orElseThrow();
    assertThat(loaded.validation()).containsExactly(0.5, 1.5);
    assertThat(loaded.target()).containsExactly(1, 2, 3);
    assertThat(loaded.sources().keySet()).containsExactly("real", "lsgan-seed1");
    assertThat(loaded.sources().get("lsgan-seed1")).containsExactly(8, 9, Double.NaN);
    assertThat(loaded.featureSecondsPerImage()).isEqualTo(1e-4);
    assertThat(loaded.scoringSecondsPerImage()).isEqualTo(2e-5);
    assertThat(loaded.run()).isSameAs(run);
    assertThat(reopened.hits()).isEqualTo(1);
    assertThat(cache.stores()).isEqualTo(1);
    try (var files = Files.list(directory.resolve("cache"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly(key + ".scores");
    }
  }

  @Test
  void shouldMissWhenAnythingThatDecidesTheScoresChanges() {
    MethodRun run = run(images(10, 4));
    String key = DetectorScoreCache.key("rawpad lenet epochs 2", 7, "bundle abc", run);
    List<Image8> oneNegativeChanged = images(10, 4);
    oneNegativeChanged.set(3, image(99));
    assertThat(
            List.of(
                DetectorScoreCache.key("rawpad lenet epochs 3", 7, "bundle abc", run),
                DetectorScoreCache.key("rawpad lenet epochs 2", 8, "bundle abc", run),
                DetectorScoreCache.key("rawpad lenet epochs 2", 7, "bundle abd", run),
                DetectorScoreCache.key(
                    "rawpad lenet epochs 2", 7, "bundle abc", run(oneNegativeChanged)),
                DetectorScoreCache.key(
                    "rawpad lenet epochs 2", 7, "bundle abc", run(images(10, 3)))))
        .doesNotContain(key)
        .doesNotHaveDuplicates();
    assertThat(DetectorScoreCache.key("rawpad lenet epochs 2", 7, "bundle abc", run(images(10, 4))))
        .isEqualTo(key);
  }

  @Test
  void shouldDigestTheMeanActivationBitForBit() {
    assertThat(DetectorScoreCache.digestOf(new float[] {0.0f, 1.0f}))
        .isNotEqualTo(DetectorScoreCache.digestOf(new float[] {-0.0f, 1.0f}))
        .isEqualTo(DetectorScoreCache.digestOf(new float[] {0.0f, 1.0f}));
  }

  @Test
  void shouldNameACorruptEntryAndSayHowToRecover() throws Exception {
    MethodRun run = run(images(10, 4));
    String key = DetectorScoreCache.key("rawpad", 7, "bundle", run);
    Files.createDirectories(directory);
    Files.write(directory.resolve(key + ".scores"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> DetectorScoreCache.in(directory).load(key, run))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(key + ".scores")
        .hasMessageContaining("Delete it and run again");
  }

  @Test
  void shouldNeitherKeepNorReturnAnythingWhenOff() {
    MethodRun run = run(images(10, 4));
    String key = DetectorScoreCache.key("rawpad", 7, "bundle", run);
    DetectorScoreCache.NONE.store(key, scores(run));
    assertThat(DetectorScoreCache.NONE.load(key, run)).isEmpty();
    assertThat(DetectorScoreCache.NONE.stores()).isZero();
  }
}
