import java.nio.file.*;
import java.util.*;
import org.flipad.core.attribution.*;
import org.flipad.core.bundle.*;
import org.flipad.core.data.*;
import org.flipad.core.metric.*;
import org.flipad.core.generator.*;
public class InversionCap {
  public static void main(String[] a) throws Exception {
    GeneratorModel g = GeneratorBundles.read(Path.of(a[0])).load();
    float[] abar = MeanActivation.estimate(g.penultimateSource(1), 2000, 128);
    List<Image8> tgt = new GeneratorImageSource("t", g).draw(40, 5);
    List<Image8> real = FashionMnist.testSubset().images().subList(0, 40);
    for (String spec : a[1].split(";")) {
      String[] p = spec.split(",");
      InversionSettings s = new InversionSettings(5e-4, Double.parseDouble(p[0]), Integer.parseInt(p[1]), 2);
      try (InversionFeatureExtractor ex = new InversionFeatureExtractor(g.finalLayer(), g.outputActivation(), abar, s)) {
        for (var e : Map.of("target", tgt, "real", real).entrySet()) {
          long t0 = System.nanoTime();
          ExtractedFeatures f = ex.extract(e.getValue());
          double ms = (System.nanoTime() - t0) / 1e6 / e.getValue().size();
          double it = f.solverStatistics().stream().mapToInt(SolverStatistics::iterations).average().orElse(0);
          double gap = f.solverStatistics().stream().mapToDouble(SolverStatistics::relativeGap).max().orElse(0);
          Map<String, Long> reasons = new TreeMap<>();
          f.solverStatistics().forEach(x -> reasons.merge(x.stopReason(), 1L, Long::sum));
          System.out.printf("tol %s maxEp %s %s: %.1f ms/img, mean it %.0f, max gap %.2e %s%n", p[0], p[1], e.getKey(), ms, it, gap, reasons);
        }
      }
    }
    g.close();
  }
}
