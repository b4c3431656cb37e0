import java.nio.file.*;
import java.util.*;
import org.flipad.core.attribution.*;
import org.flipad.core.bundle.*;
import org.flipad.core.data.*;
import org.flipad.core.eval.*;
import org.flipad.core.metric.*;
import org.flipad.core.generator.*;
import org.flipad.core.inversion.TargetRule;
public class InversionStatistics {
  public static void main(String[] a) throws Exception {
    GeneratorModel g = GeneratorBundles.read(Path.of("models/zoo/dcgan-seed1")).load();
    GeneratorModel g2 = GeneratorBundles.read(Path.of("models/zoo/dcgan-seed2")).load();
    GeneratorModel g3 = GeneratorBundles.read(Path.of("models/zoo/lsgan-seed1")).load();
    float[] abar = MeanActivation.estimate(g.penultimateSource(1), 2000, 128);
    int n = 60;
    Map<String, List<Image8>> sets = new LinkedHashMap<>();
    sets.put("target", new GeneratorImageSource("t", g).draw(n, 5));
    sets.put("real", FashionMnist.testSubset().images().subList(0, n));
    sets.put("dcgan2", new GeneratorImageSource("t", g2).draw(n, 5));
    sets.put("lsgan", new GeneratorImageSource("t", g3).draw(n, 5));
    for (String spec : a[0].split(";")) {
      String[] p = spec.split(",");
      InversionSettings s = new InversionSettings(Double.parseDouble(p[2]), 1e-3, Integer.parseInt(p[1]), 2, TargetRule.valueOf(p[0]));
      Map<String, double[][]> stats = new LinkedHashMap<>();
      try (InversionFeatureExtractor ex = new InversionFeatureExtractor(g.finalLayer(), g.outputActivation(), abar, s)) {
        for (var e : sets.entrySet()) {
          ExtractedFeatures f = ex.extract(e.getValue());
          double[][] st = new double[3][n];
          for (int i = 0; i < n; i++) {
            float[] r = f.rows()[i];
            double l1 = 0; int nz = 0;
            for (int j = 0; j < r.length; j++) { double d = r[j] - abar[j]; l1 += Math.abs(d); if (Math.abs(d) > 1e-6) nz++; }
            st[0][i] = f.solverStatistics().get(i).objective(); st[1][i] = l1; st[2][i] = nz;
          }
          stats.put(e.getKey(), st);
        }
      }
      for (int k = 0; k < 3; k++) {
        StringBuilder b = new StringBuilder(spec + " " + new String[]{"objective","l1","nnz"}[k] + ":");
        for (var e : stats.entrySet()) {
          double m = Arrays.stream(e.getValue()[k]).average().orElse(0);
          b.append(String.format(" %s mean %.4g", e.getKey(), m));
          if (!e.getKey().equals("target")) b.append(String.format(" auroc %.3f", BinaryMetrics.auroc(stats.get("target")[k], e.getValue()[k])));
        }
        System.out.println(b);
      }
    }
  }
}
