import java.nio.file.*;
import java.time.InstantSource;
import java.util.*;
import org.flipad.core.attribution.*;
import org.flipad.core.bundle.*;
import org.flipad.core.data.*;
import org.flipad.core.detector.*;
import org.flipad.core.metric.*;
import org.flipad.core.feature.*;
import org.flipad.core.generator.*;
import org.flipad.core.progress.ProgressListener;
public class GeneratorPair {
  public static void main(String[] a) throws Exception {
    GeneratorModel g = GeneratorBundles.read(Path.of("models/zoo/" + a[0])).load();
    GeneratorModel o = GeneratorBundles.read(Path.of("models/zoo/" + a[1])).load();
    int n = Integer.parseInt(a[2]);
    float[] abar = MeanActivation.estimate(g.penultimateSource(1), 2000, 128);
    var ts = new GeneratorImageSource("t", g); var os = new GeneratorImageSource("o", o);
    long t0 = System.currentTimeMillis();
    try (InversionFeatureExtractor ex = new InversionFeatureExtractor(g.finalLayer(), g.outputActivation(), abar, InversionSettings.defaults())) {
      float[][] tt = ex.extract(ts.draw(n, 1)).rows(), ot = ex.extract(os.draw(n, 2)).rows(), val = ex.extract(ts.draw(100, 3)).rows();
      float[][] te = ex.extract(ts.draw(100, 4)).rows(), oe = ex.extract(os.draw(100, 5)).rows();
      System.out.printf("features %d s%n", (System.currentTimeMillis() - t0) / 1000);
      for (String e : a[3].split(",")) {
        int ep = Integer.parseInt(e);
        DeepSadSettings s = DeepSadSettings.defaults(7).withEpochs(ep, Math.max(1, ep / 2)).withBatchSize(32);
        var res = new DetectorTraining(s, InstantSource.system(), ProgressListener.NONE).train(new DetectorTrainingData(ex.shape(), FeatureScaling.TARGET_STANDARDISED, false, tt, ot, val));
        double[] st = res.detector().score(te), so = res.detector().score(oe);
        System.out.printf("%s vs %s n=%d epochs %d: auroc %.3f train loss %.3f time %s%n", a[0], a[1], n, ep, BinaryMetrics.auroc(st, so), res.epochLosses()[ep-1], res.time());
        res.detector().close();
      }
    }
  }
}
