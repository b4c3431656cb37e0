package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.flipad.core.data.perturbation.Perturbation;

/**
 * The images of one repetition for one target: training (target and the negatives of each bank),
 * validation (target) and test sets (target and every other source), drawn once and perturbed per
 * condition, training sets included (the paper's "immunised" setting).
 *
 * @param targetTrain the target's training images
 * @param negativeTrain negative training images of the main detector: real, plus the bank's
 *     generators when the bank protocol is on
 * @param heldOutTrain negative training images of the held-out-architecture detector (empty when
 *     that detector is not evaluated)
 * @param validation held-out target images for the thresholds
 * @param targetTest the target's test images
 * @param sourceTests test images of each other source, by source name, in report order
 */
record DrawnImages(
    List<Image8> targetTrain,
    List<Image8> negativeTrain,
    List<Image8> heldOutTrain,
    List<Image8> validation,
    List<Image8> targetTest,
    Map<String, List<Image8>> sourceTests) {

  /** Every set with {@code perturbation} applied; image i of a set gets seed {@code seed + i}. */
  DrawnImages perturbed(Perturbation perturbation, long seed) {
    if (perturbation.id().equals(Comparison.NO_PERTURBATION)) {
      return this;
    }
    Map<String, List<Image8>> tests = new LinkedHashMap<>();
    long setSeed = seed;
    for (Map.Entry<String, List<Image8>> e : sourceTests.entrySet()) {
      setSeed += 1_000_003L;
      tests.put(e.getKey(), apply(perturbation, e.getValue(), setSeed));
    }
    return new DrawnImages(
        apply(perturbation, targetTrain, seed + 1),
        apply(perturbation, negativeTrain, seed + 2),
        apply(perturbation, heldOutTrain, seed + 5),
        apply(perturbation, validation, seed + 3),
        apply(perturbation, targetTest, seed + 4),
        tests);
  }

  /** {@code images} with {@code perturbation} applied; image i gets seed {@code seed · 31 + i}. */
  static List<Image8> apply(Perturbation perturbation, List<Image8> images, long seed) {
    List<Image8> out = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      out.add(perturbation.apply(images.get(i), seed * 31 + i));
    }
    return out;
  }
}
