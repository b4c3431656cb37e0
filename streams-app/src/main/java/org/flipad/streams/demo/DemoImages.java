package org.flipad.streams.demo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;

/**
 * The images a demo run sends: samples of the watched generator and of the others, drawn from seeds
 * the detectors were not trained with, and real photos.
 *
 * @param target samples of the watched generator
 * @param others samples of each other generator, by its bundle name
 * @param real real photos
 * @param realNote where the real photos come from, for the run's summary
 */
record DemoImages(
    List<Image8> target, Map<String, List<Image8>> others, List<Image8> real, String realNote) {

  /** Draw seeds far from the ones detectors are trained with, so demo samples are unseen. */
  private static final long SAMPLE_SEED_OFFSET = 7_000_000L;

  /** Draws the images {@code settings} ask for. */
  static DemoImages draw(DemoSettings settings) throws IOException {
    List<Image8> target = samples(settings, settings.targetId(), settings.targetCount(), 0);
    Map<String, List<Image8>> others = new LinkedHashMap<>();
    int k = 1;
    for (String other : settings.otherIds()) {
      others.put(other, samples(settings, other, settings.otherCount(), k++));
    }
    List<Image8> real;
    String note;
    if (FashionMnist.check(null).available()) {
      // Test images after the committed subset: the detectors' negatives come from the subset.
      List<Image8> test = FashionMnist.locate(null).test().images();
      int from = FashionMnist.SUBSET_SIZE;
      real = test.subList(from, Math.min(test.size(), from + settings.realCount()));
      note = "Fashion-MNIST test images " + from + "+ (not used to train the detector)";
    } else {
      List<Image8> subset = FashionMnist.testSubset().images();
      real = subset.subList(subset.size() - settings.realCount(), subset.size());
      note =
          "the committed Fashion-MNIST subset (its images may have been the detector's"
              + " negatives; apt-get install dataset-fashion-mnist for unseen ones)";
    }
    return new DemoImages(target, others, List.copyOf(real), note);
  }

  /** {@code count} samples of {@code generator}, drawn from the {@code index}-th block of seeds. */
  static List<Image8> samples(DemoSettings settings, String generator, int count, int index)
      throws IOException {
    try (GeneratorModel model = GeneratorBundles.read(settings.zoo().resolve(generator)).load()) {
      return new GeneratorImageSource(generator, model)
          .draw(count, settings.seed() + SAMPLE_SEED_OFFSET + 1_000L * index);
    }
  }
}
