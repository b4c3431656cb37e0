import java.nio.file.*;
import java.time.InstantSource;
import java.util.*;
import org.flipad.core.attribution.*;
import org.flipad.core.baseline.*;
import org.flipad.core.bundle.*;
import org.flipad.core.data.*;
import org.flipad.core.detector.*;
import org.flipad.core.eval.*;
import org.flipad.core.metric.*;
import org.flipad.core.feature.*;
import org.flipad.core.generator.*;
import org.flipad.core.progress.ProgressListener;
public class DeepSadBatch {
  static float[][] raw(List<Image8> l) { return l.stream().map(RawFeatures::of).toArray(float[][]::new); }
  public static void main(String[] a) throws Exception {
    GeneratorModel g = GeneratorBundles.read(Path.of("models/zoo/dcgan-seed1")).load();
    var src = new GeneratorImageSource("t", g);
    List<Image8> realAll = FashionMnist.locate(null).train().images();
    float[][] tt = raw(src.draw(500, 1)), rt = raw(realAll.subList(0, 500)), val = raw(src.draw(200, 2)), te = raw(src.draw(200, 3)), re = raw(realAll.subList(1000, 1200));
    for (String spec : a[0].split(";")) {
      String[] p = spec.split(",");
      int ep = Integer.parseInt(p[0]), bs = Integer.parseInt(p[1]);
      DeepSadSettings s = DeepSadSettings.defaults(7).withEpochs(ep, Math.max(1, ep / 2)).withBatchSize(bs);
      var res = new DetectorTraining(s, InstantSource.system(), ProgressListener.NONE).train(new DetectorTrainingData(new FeatureShape(1,28,28), FeatureScaling.NONE, false, tt, rt, val));
      double[] st = res.detector().score(te), so = res.detector().score(re);
      System.out.printf("epochs %d batch %d: losses %s auroc %.3f time %s%n", ep, bs, Arrays.toString(Arrays.copyOf(res.epochLosses(), Math.min(6, ep))) + "..." + res.epochLosses()[ep-1], BinaryMetrics.auroc(st, so), res.time());
    }
  }
}
