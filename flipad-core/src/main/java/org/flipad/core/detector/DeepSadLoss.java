package org.flipad.core.detector;

import ai.djl.ndarray.NDArray;

/**
 * The DeepSAD objective (Ruff et al. 2020, eq. 3) per sample: with d = ‖φ(x) − c‖²,
 *
 * <ul>
 *   <li>ỹ = 0 (unlabelled): d
 *   <li>ỹ = ±1 (labelled): η·(d + ε)^ỹ, i.e. η(d + ε) for the target and η/(d + ε) for the other
 *       source
 * </ul>
 *
 * and the batch loss is the mean, as the reference's {@code torch.where(semi_targets == 0, dist,
 * eta * ((dist + eps) ** semi_targets))}. FLIPAD labels every sample (+1 target, −1 other).
 */
public final class DeepSadLoss {

  /** ỹ of a sample from the target generator. */
  public static final int TARGET = 1;

  /** ỹ of a labelled sample from another source. */
  public static final int OTHER = -1;

  /** ỹ of an unlabelled sample. */
  public static final int UNLABELLED = 0;

  private DeepSadLoss() {}

  /**
   * d = ‖φ − c‖² per row.
   *
   * @param phi [N, k] float32
   * @param centre [k] float32
   * @return [N] float32
   */
  static NDArray squaredDistances(NDArray phi, NDArray centre) {
    return phi.sub(centre).square().sum(new int[] {1});
  }

  /**
   * The mean loss of a batch.
   *
   * @param distances d [N] float32
   * @param labels ỹ [N] float32, each −1, 0 or +1
   * @return a scalar float32
   */
  static NDArray mean(NDArray distances, NDArray labels, double eta, double epsilon) {
    // 1 − ỹ² is 1 for unlabelled samples and 0 for labelled ones; for ỹ = 0 the power is 1 and
    // masked out, so its gradient is 0, not NaN.
    NDArray unlabelled = labels.square().neg().add(1);
    NDArray labelled = distances.add((float) epsilon).pow(labels).mul((float) eta);
    return unlabelled.mul(distances).add(unlabelled.neg().add(1).mul(labelled)).mean();
  }

  /**
   * Checks that there is one label per sample and that each is −1, 0 or +1.
   *
   * @throws IllegalArgumentException naming the first bad label and its index
   */
  static void requireLabels(int[] labels, int samples) {
    if (labels.length != samples) {
      throw new IllegalArgumentException(
          "There are "
              + labels.length
              + " labels for "
              + samples
              + " feature samples; expected one label per sample.");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < OTHER || labels[i] > TARGET) {
        throw new IllegalArgumentException(
            "Label "
                + i
                + " is "
                + labels[i]
                + "; expected +1 (target), −1 (other source) or 0 (unlabelled).");
      }
    }
  }
}
