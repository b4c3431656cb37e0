package org.flipad.core.benchmark;

import java.util.List;

/**
 * Settings of {@link InversionBenchmark}.
 *
 * @param sizes problem sizes to run
 * @param imagesPerSize images per size, in the order of {@code sizes}
 * @param lambda λ (the paper: 5e-4)
 * @param referenceStep the reference schedule's step η (the paper: 0.025)
 * @param referenceIterations the reference schedule's cap K (the paper: 10,000)
 * @param threads threads of the working-set solver
 * @param seed seed of the problems
 * @param certifyWorkingSetOn sizes on which the working-set solver is also timed to certified gaps
 *     of 1e-4 and 1e-6 (on DCGAN_64 that takes over a minute per image, see docs/benchmarks.md)
 */
public record BenchmarkSettings(
    List<ProblemSize> sizes,
    List<Integer> imagesPerSize,
    double lambda,
    double referenceStep,
    int referenceIterations,
    int threads,
    long seed,
    List<ProblemSize> certifyWorkingSetOn) {

  /** Validates sizes and counts. */
  public BenchmarkSettings {
    sizes = List.copyOf(sizes);
    certifyWorkingSetOn = List.copyOf(certifyWorkingSetOn);
    imagesPerSize = List.copyOf(imagesPerSize);
    if (sizes.isEmpty() || sizes.size() != imagesPerSize.size()) {
      throw new IllegalArgumentException(
          "Benchmark needs one image count per size; got "
              + sizes.size()
              + " sizes and "
              + imagesPerSize.size()
              + " counts.");
    }
    for (int count : imagesPerSize) {
      if (count < 1) {
        throw new IllegalArgumentException("Benchmark image count must be ≥ 1, got " + count + ".");
      }
    }
    if (!(lambda > 0) || !(referenceStep > 0) || referenceIterations < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "Benchmark needs λ > 0, η > 0, K ≥ 1 and threads ≥ 1; got λ="
              + lambda
              + ", η="
              + referenceStep
              + ", K="
              + referenceIterations
              + ", threads="
              + threads
              + ".");
    }
  }

  /** Both sizes (64 and 8 images), λ 5e-4, η 0.025, K 10,000, all cores, seed 7. */
  public static BenchmarkSettings defaults() {
    return new BenchmarkSettings(
        List.of(ProblemSize.MNIST_28, ProblemSize.DCGAN_64),
        List.of(64, 8),
        5e-4,
        0.025,
        10_000,
        Runtime.getRuntime().availableProcessors(),
        7,
        List.of(ProblemSize.MNIST_28));
  }

  /** With other sizes and counts. */
  public BenchmarkSettings withSizes(List<ProblemSize> newSizes, List<Integer> counts) {
    return new BenchmarkSettings(
        newSizes,
        counts,
        lambda,
        referenceStep,
        referenceIterations,
        threads,
        seed,
        certifyWorkingSetOn);
  }

  /** With another reference iteration cap. */
  public BenchmarkSettings withReferenceIterations(int value) {
    return new BenchmarkSettings(
        sizes, imagesPerSize, lambda, referenceStep, value, threads, seed, certifyWorkingSetOn);
  }

  /** With other sizes on which the working-set solver is timed to certified gaps. */
  public BenchmarkSettings withCertifyWorkingSetOn(List<ProblemSize> value) {
    return new BenchmarkSettings(
        sizes, imagesPerSize, lambda, referenceStep, referenceIterations, threads, seed, value);
  }

  /** With another seed. */
  public BenchmarkSettings withSeed(long value) {
    return new BenchmarkSettings(
        sizes,
        imagesPerSize,
        lambda,
        referenceStep,
        referenceIterations,
        threads,
        value,
        certifyWorkingSetOn);
  }

  /** With another thread count. */
  public BenchmarkSettings withThreads(int value) {
    return new BenchmarkSettings(
        sizes,
        imagesPerSize,
        lambda,
        referenceStep,
        referenceIterations,
        value,
        seed,
        certifyWorkingSetOn);
  }
}
