package org.flipad.core.benchmark;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a benchmark report as one PNG per problem: milliseconds per image for every run, on a log
 * axis, so the reference and the certified solvers can be compared at a glance.
 */
public final class BenchmarkChart {

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 650;

  private BenchmarkChart() {}

  /**
   * Writes {@code inversion-<problem index>.png} files into {@code directory}.
   *
   * @return the files written, one per problem, in the report's order
   */
  public static Set<Path> write(BenchmarkReport report, Path directory) throws IOException {
    Set<String> problems = new LinkedHashSet<>();
    report.runs().forEach(run -> problems.add(run.problem()));
    Set<Path> written = new LinkedHashSet<>();
    int index = 0;
    for (String problem : problems) {
      Path file = directory.resolve("inversion-" + index++ + ".png");
      ChartUtils.saveChartAsPNG(file.toFile(), chart(report, problem), WIDTH, HEIGHT);
      written.add(file);
    }
    return written;
  }

  private static JFreeChart chart(BenchmarkReport report, String problem) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (SolverRun run : report.runs()) {
      if (run.problem().equals(problem)) {
        data.addValue(run.millisPerImage(), run.goal().label(), run.solver());
      }
    }
    LogAxis time = new LogAxis("ms per image (wall, log scale)");
    time.setSmallestValue(1);
    time.setTickUnit(new NumberTickUnit(1));
    time.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    CategoryAxis solvers = new CategoryAxis("solver");
    solvers.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    BarRenderer bars = new BarRenderer();
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    CategoryPlot plot = new CategoryPlot(data, solvers, time, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "Final-layer inversion, " + problem, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
