package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.flipad.core.detector.Thresholds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic run (targets dcgan and wgan-gp; methods flipad and rawpad; perturbations none and
 * jpeg90; sources real, two other architectures and one same-architecture run; 2 repetitions;
 * seeded normal scores) written to a temporary directory.
 */
class EvaluationReportTest {

  private static final long SEED = 20240607L;
  private static final int N = 200;
  private static final List<String> TARGETS = List.of("dcgan", "wgan-gp");

  @TempDir static Path directory;
  private static EvaluationRun run;
  private static List<Path> written;

  @BeforeAll
  static void writeReport() throws IOException {
    run = syntheticRun(true);
    written = EvaluationReport.write(run, directory);
  }

  @Test
  void shouldWriteReportResultsAndPlots() {
    assertThat(directory.resolve("report.md")).isRegularFile();
    assertThat(directory.resolve("results.csv")).isRegularFile();
    assertThat(directory.resolve("results.json")).isRegularFile();
    // ROC: 2 targets × 2 perturbations; histograms: 2 targets × 2 methods × 2 perturbations.
    assertThat(written).hasSize(3 + 4 + 8).allSatisfy(p -> assertThat(p).isRegularFile());
    assertThat(directory.resolve("plots/roc-wgan-gp-jpeg90.png")).isRegularFile();
    assertThat(directory.resolve("plots/scores-dcgan-rawpad-none.png")).isRegularFile();
  }

  @Test
  void shouldWritePngsThatImageIoCanRead() throws IOException {
    try (Stream<Path> plots = Files.list(directory.resolve("plots"))) {
      for (Path plot : plots.toList()) {
        assertThat(plot.getFileName().toString()).matches("[a-z0-9-]+\\.png");
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image).as(plot.toString()).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(400);
        assertThat(Files.size(plot)).as(plot.toString()).isGreaterThan(10_000);
      }
    }
  }

  @Test
  void shouldWriteOneCsvRowPerComparisonAfterAHeader() throws IOException {
    List<String> lines = Files.readAllLines(directory.resolve("results.csv"));
    assertThat(lines).hasSize(1 + run.comparisons().size());
    assertThat(lines.get(0))
        .startsWith("target,method,perturbation,source,group,sibling,repetition");
    assertThat(lines.get(0).split(",")).hasSize(lines.get(1).split(",", -1).length);
  }

  @Test
  void shouldWriteJsonWithTheHeaderAndEveryComparison() throws IOException {
    JsonNode root = new ObjectMapper().readTree(directory.resolve("results.json").toFile());
    assertThat(root.get("title").asText()).isEqualTo(run.title());
    assertThat(root.get("settings").get("seed").asText()).isEqualTo(Long.toString(SEED));
    assertThat(root.get("comparisons")).hasSize(run.comparisons().size());
    assertThat(root.get("comparisons").get(0).get("auroc").asDouble())
        .isEqualTo(run.comparisons().get(0).auroc());
  }

  @Test
  void shouldReportTheMeanOverRepetitionsOfTheMeanOverDifferentArchitectures() throws IOException {
    String markdown = Files.readString(directory.resolve("report.md"));
    assertThat(markdown)
        .contains("## Against real images", "## Generators in the bank (fresh samples)")
        .contains("## Unseen runs of architectures in the bank", "## Held-out architecture")
        .contains(
            "## Siblings", "## All sources of the main detector", "## Perturbations: against real")
        .contains("# Accuracy (%) at FNR 5 %", "# AUROC")
        .contains("## Detailed results", "](plots/roc-dcgan-none.png)");
    // Independently: flipad, target wgan-gp, clean data, sources dcgan and lsgan.
    double[] perRepetition = new double[2];
    for (int repetition = 0; repetition < 2; repetition++) {
      double sum = 0;
      int sources = 0;
      for (Comparison c : run.comparisons()) {
        if (c.method().equals("flipad")
            && c.target().equals("wgan-gp")
            && c.perturbation().equals("none")
            && c.group() == SourceGroup.BANK
            && c.repetition() == repetition) {
          sum += countedAccuracy(c);
          sources++;
        }
      }
      assertThat(sources).isEqualTo(2);
      perRepetition[repetition] = 100 * sum / sources;
    }
    double mean = (perRepetition[0] + perRepetition[1]) / 2;
    double std = Math.abs(perRepetition[0] - perRepetition[1]) / Math.sqrt(2);
    String cell = String.format(Locale.ROOT, "%.2f ± %.2f", mean, std);
    String table1 = section(markdown, "## Generators in the bank");
    assertThat(table1).contains("| flipad | ").contains(cell + " |");
  }

  @Test
  void shouldReplaceATableWithANoteWhenItHasNoData(@TempDir Path other) throws IOException {
    EvaluationReport.write(syntheticRun(false), other);
    String markdown = Files.readString(other.resolve("report.md"));
    assertThat(section(markdown, "## Unseen runs")).contains("_No comparisons for this table._");
    assertThat(section(markdown, "## Generators in the bank")).doesNotContain("_No comparisons");
  }

  /** Accuracy counted directly: targets with s ≤ τ and others with s &gt; τ. */
  private static double countedAccuracy(Comparison c) {
    int right = 0;
    for (double s : c.targetScores()) {
      right += s <= c.threshold() ? 1 : 0;
    }
    for (double s : c.otherScores()) {
      right += s > c.threshold() ? 1 : 0;
    }
    return right / (double) (c.targetScores().length + c.otherScores().length);
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading);
    int end = markdown.indexOf("\n## ", start + 1);
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  private static EvaluationRun syntheticRun(boolean withSameArchitecture) {
    Random random = new Random(SEED);
    List<Comparison> comparisons = new ArrayList<>();
    for (String target : TARGETS) {
      Map<String, SourceGroup> sources = new LinkedHashMap<>();
      sources.put("real", SourceGroup.REAL);
      sources.put(target.equals("dcgan") ? "wgan-gp" : "dcgan", SourceGroup.BANK);
      sources.put("lsgan", SourceGroup.BANK);
      if (withSameArchitecture) {
        sources.put(target + "-seed1", SourceGroup.UNSEEN_RUN);
      }
      for (String method : List.of("flipad", "rawpad")) {
        for (String perturbation : List.of("none", "jpeg90")) {
          for (int repetition = 0; repetition < 2; repetition++) {
            double threshold =
                Thresholds.fromTargetScores(normals(random, N, 1, 0.3)).threshold(0.005);
            double[] targetScores = normals(random, N, 1, 0.3);
            double shift = perturbation.equals("none") ? 1.0 : 0.4;
            for (Map.Entry<String, SourceGroup> source : sources.entrySet()) {
              double[] otherScores =
                  normals(random, N, 1 + shift * (1 + source.getValue().ordinal()) / 2, 0.4);
              comparisons.add(
                  new Comparison(
                      target,
                      method,
                      perturbation,
                      source.getKey(),
                      source.getValue(),
                      false,
                      repetition,
                      targetScores,
                      otherScores,
                      threshold,
                      threshold,
                      0.5,
                      1e-4));
            }
          }
        }
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("seed", Long.toString(SEED));
    settings.put("fnr", "0.005");
    return new EvaluationRun(
        "Synthetic evaluation",
        "flipad eval --synthetic",
        "test machine",
        Instant.parse("2024-06-07T12:00:00Z"),
        12.5,
        settings,
        comparisons);
  }

  private static double[] normals(Random random, int n, double mean, double std) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + std * random.nextGaussian();
    }
    return values;
  }
}
