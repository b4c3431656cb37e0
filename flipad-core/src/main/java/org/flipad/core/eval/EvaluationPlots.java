package org.flipad.core.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.flipad.core.metric.BinaryMetrics;
import org.flipad.core.metric.RocCurve;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG plots of a report, drawn with JFreeChart as {@code
 * org.flipad.core.benchmark.BenchmarkChart} draws its charts (white background, {@link
 * ChartUtils#saveChartAsPNG}): one ROC figure per (target, perturbation) and one score histogram
 * per (target, method, perturbation). Repetitions are pooled in both.
 */
final class EvaluationPlots {

  /** A written plot: its caption and its file name inside the plots directory. */
  record Plot(String caption, String fileName) {}

  private static final int WIDTH = 900;
  private static final int HEIGHT = 650;

  /** Beyond this many (method, source) curves a ROC figure pools the sources of each method. */
  private static final int MAX_CURVES = 8;

  private static final int BINS = 40;

  /**
   * Matplotlib's "tab10" colours (grey replaced by black): distinct on white, unlike JFreeChart's
   * default yellow.
   */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x000000),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  /** Histograms cut their x axis here so that a few far outliers do not squash the rest. */
  private static final double UPPER_QUANTILE = 0.995;

  private EvaluationPlots() {}

  static List<Plot> write(List<Comparison> all, Path directory) throws IOException {
    // The held-out-architecture detector is a second detector with its own target scores; pooling
    // its comparisons with the main detector's would mix two score scales in one curve.
    List<Comparison> comparisons =
        all.stream().filter(c -> c.group() != SourceGroup.HELD_OUT_ARCHITECTURE).toList();
    List<Plot> plots = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (List<Comparison> cell : groups(comparisons, c -> c.target() + "\0" + c.perturbation())) {
      Comparison first = cell.get(0);
      String title = "ROC, target " + first.target() + ", perturbation " + first.perturbation();
      String name = unique(names, "roc-" + slug(first.target()) + "-" + slug(first.perturbation()));
      save(rocChart(title, cell), directory.resolve(name));
      plots.add(new Plot(title, name));
    }
    for (List<Comparison> cell :
        groups(comparisons, c -> c.target() + "\0" + c.method() + "\0" + c.perturbation())) {
      Comparison first = cell.get(0);
      String title =
          "Scores of "
              + first.method()
              + ", target "
              + first.target()
              + ", perturbation "
              + first.perturbation();
      String name =
          unique(
              names,
              "scores-"
                  + slug(first.target())
                  + "-"
                  + slug(first.method())
                  + "-"
                  + slug(first.perturbation()));
      save(histogramChart(title, cell), directory.resolve(name));
      plots.add(new Plot(title, name));
    }
    return plots;
  }

  private static JFreeChart rocChart(String title, List<Comparison> cell) {
    boolean pool = groups(cell, c -> c.method() + "\0" + c.source()).size() > MAX_CURVES;
    Function<Comparison, String> curve =
        pool ? Comparison::method : c -> c.method() + " vs " + c.source();
    XYSeriesCollection data = new XYSeriesCollection();
    for (List<Comparison> group : groups(cell, curve)) {
      RocCurve roc = BinaryMetrics.rocCurve(pooledTargets(group), pooledOthers(group, c -> true));
      XYSeries series = new XYSeries(curve.apply(group.get(0)), false, true);
      double[] fpr = roc.fpr();
      double[] tpr = roc.tpr();
      for (int i = 0; i < fpr.length; i++) {
        series.add(fpr[i], tpr[i]);
      }
      data.addSeries(series);
    }
    XYSeries chance = new XYSeries("chance", false, true);
    chance.add(0, 0);
    chance.add(1, 1);
    data.addSeries(chance);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    colour(lines, data.getSeriesCount() - 1);
    lines.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
    lines.setSeriesStroke(
        data.getSeriesCount() - 1,
        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f}, 0));
    NumberAxis fprAxis = new NumberAxis("false-positive rate (other accepted as target)");
    NumberAxis tprAxis = new NumberAxis("true-positive rate (target accepted)");
    fprAxis.setRange(0, 1);
    tprAxis.setRange(0, 1.01);
    return chart(
        title + (pool ? " (sources pooled)" : ""), new XYPlot(data, fprAxis, tprAxis, lines));
  }

  private static JFreeChart histogramChart(String title, List<Comparison> cell) {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("target " + cell.get(0).target(), pooledTargets(cell));
    for (String source :
        groups(cell, Comparison::source).stream().map(g -> g.get(0).source()).toList()) {
      series.put(source, pooledOthers(cell, c -> c.source().equals(source)));
    }
    double[] all = series.values().stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    double low = all[0];
    double high = Math.max(all[(int) Math.floor(UPPER_QUANTILE * (all.length - 1))], low + 1e-9);
    HistogramDataset data = new HistogramDataset();
    data.setType(HistogramType.RELATIVE_FREQUENCY);
    series.forEach((key, values) -> data.addSeries(key, values, BINS, low, high));
    // Outlines (frequency polygons at bin centres) stay readable where filled bars would overlap.
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < series.size(); i++) {
      lines.setSeriesStroke(i, new BasicStroke(2f));
    }
    colour(lines, series.size());
    NumberAxis scoreAxis =
        new NumberAxis(
            String.format(Locale.ROOT, "score (values above %.4g counted in the last bin)", high));
    XYPlot plot = new XYPlot(data, scoreAxis, new NumberAxis("fraction of samples"), lines);
    double threshold = cell.stream().mapToDouble(Comparison::threshold).average().orElseThrow();
    ValueMarker marker = new ValueMarker(threshold, Color.BLACK, new BasicStroke(1.5f));
    marker.setLabel("τ at FNR 0.5 % (mean)");
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    marker.setLabelOffset(new RectangleInsets(8, 4, 4, 4));
    plot.addDomainMarker(marker);
    return chart(title, plot);
  }

  /** Gives the first {@code count} series distinct colours from {@link #PALETTE}, cycling. */
  private static void colour(XYLineAndShapeRenderer renderer, int count) {
    for (int i = 0; i < count; i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
  }

  private static JFreeChart chart(String title, XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /**
   * The target scores of the comparisons, each distinct array once: comparisons of one repetition
   * usually share the same target test samples against every source.
   */
  private static double[] pooledTargets(List<Comparison> comparisons) {
    List<double[]> distinct = new ArrayList<>();
    for (Comparison c : comparisons) {
      double[] scores = c.targetScores();
      if (distinct.stream().noneMatch(d -> Arrays.equals(d, scores))) {
        distinct.add(scores);
      }
    }
    return distinct.stream().flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] pooledOthers(List<Comparison> comparisons, Predicate<Comparison> which) {
    return comparisons.stream()
        .filter(which)
        .flatMapToDouble(c -> Arrays.stream(c.otherScores()))
        .toArray();
  }

  /** The comparisons grouped by {@code key}, groups in order of first appearance. */
  private static List<List<Comparison>> groups(
      List<Comparison> comparisons, Function<Comparison, String> key) {
    Map<String, List<Comparison>> groups = new LinkedHashMap<>();
    comparisons.forEach(c -> groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
    return List.copyOf(groups.values());
  }

  /** Lower case, runs of anything but a–z and 0–9 replaced by one hyphen. */
  static String slug(String text) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "x" : slug;
  }

  private static String unique(Set<String> used, String base) {
    String name = base + ".png";
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i + ".png";
    }
    return name;
  }
}
