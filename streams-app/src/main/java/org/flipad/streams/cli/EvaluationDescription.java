package org.flipad.streams.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flipad.core.attribution.InversionSettings;
import org.flipad.core.bundle.Provenance;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.eval.EvaluationSettings;

/**
 * What the report of {@code flipad evaluate} says about a run besides its results: each setting in
 * words (sizes, methods, negatives, perturbations, inversion) and the machine it ran on, so that a
 * report can be read, and repeated, without the command line.
 */
final class EvaluationDescription {

  private EvaluationDescription() {}

  /**
   * The settings of a run, as the report's table lists them.
   *
   * @param zoo the zoo's directory
   * @param s the run's settings
   * @param batchSize DeepSAD's batch size, as given on the command line
   * @param methods the methods, as given on the command line
   * @param real the training and the test pool of real images
   */
  static Map<String, String> settings(
      Path zoo, EvaluationSettings s, int batchSize, String methods, RealImageSource[] real) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("zoo", zoo.toString());
    d.put("training images per class", String.valueOf(s.trainPerClass()));
    d.put("validation target images", String.valueOf(s.validation()));
    d.put("test images per source", String.valueOf(s.testPerSource()));
    d.put("repetitions", String.valueOf(s.repetitions()));
    d.put(
        "DeepSAD epochs",
        s.deepSadEpochs() + " (lr × 0.1 after " + Math.max(1, s.deepSadEpochs() / 2) + ")");
    d.put("DeepSAD batch size", String.valueOf(batchSize));
    d.put("DeepSAD network on FLIPAD features", s.network().id() + " (baselines: lenet)");
    d.put("methods", methods);
    d.put(
        "negatives",
        s.bank()
            ? "half real images, half the bank (every zoo run other than the target's run"
                + " number), split evenly"
            : "real images only");
    d.put(
        "held-out architecture",
        s.bank() && s.heldOutArchitecture()
            ? "second FLIPAD and RawPAD detectors per target (and their fusion), their bank"
                + " without the next architecture in sorted order"
            : "not evaluated");
    d.put(
        "FLIPAD training draws",
        s.freshDraws()
            ? "fresh every epoch after the first (target, bank generators and real images)"
            : "the same images every epoch");
    d.put("perturbations", s.perturbations().stream().map(p -> p.id()).toList().toString());
    d.put(
        "perturbed targets",
        s.perturbedTargets().isEmpty() ? "all" : s.perturbedTargets().toString());
    d.put(
        "inversion",
        s.recipes().stream()
            .map(r -> InversionSettings.of(r).summary())
            .collect(java.util.stream.Collectors.joining("; ")));
    d.put("mean activation ā", "5,000 draws, batches of 128, BatchNorm in evaluation mode");
    d.put("real pools", real[0].size() + " training, " + real[1].size() + " test images");
    d.put("seed", String.valueOf(s.seed()));
    return d;
  }

  /** The machine a run was on: CPU, processors, heap, OS, Java and PyTorch. */
  static String machine(Provenance provenance) {
    return provenance.machine().getOrDefault("cpu", "unknown CPU")
        + ", "
        + provenance.machine().get("processors")
        + " processors, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB, "
        + provenance.versions().get("os")
        + ", Java "
        + provenance.versions().get("java")
        + ", PyTorch "
        + provenance.versions().get("pytorch");
  }
}
