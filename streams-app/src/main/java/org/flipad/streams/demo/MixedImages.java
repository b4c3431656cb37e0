package org.flipad.streams.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;

/**
 * Distinct images for load and fault runs: samples of the watched generator and real photographs,
 * alternating, so that half the uploads must be attributed and half refused and the decision cache
 * never answers.
 */
public final class MixedImages {

  private MixedImages() {}

  /**
   * 2 × the shipped real subset's size (2,000 images): target sample, real photo, target, ...
   *
   * @param zoo the folder of generator bundles
   * @param target the watched generator's bundle name in {@code zoo}
   * @throws IOException when the bundle cannot be read
   */
  public static List<Image8> targetAndReal(Path zoo, String target) throws IOException {
    List<Image8> real = FashionMnist.testSubset().images();
    List<Image8> generated;
    try (GeneratorModel model = GeneratorBundles.read(zoo.resolve(target)).load()) {
      generated = new GeneratorImageSource(target, model).draw(real.size(), 8_000_000L);
    }
    List<Image8> mixed = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      mixed.add(generated.get(i));
      mixed.add(real.get(i));
    }
    return mixed;
  }
}
