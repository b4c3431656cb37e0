package org.flipad.core.attribution;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a detector turns an image into its recovered penultimate activation â (FLIPAD.md section 2).
 * Recorded in every detector bundle, so serving inverts exactly as training did.
 */
public enum InversionRecipe {
  /**
   * The minimum-norm lift â = ā + Wᵀ(W·Wᵀ + εI)⁻¹·r with r = atanh(clip(x, ±(1 − 1e-4))) − L(ā):
   * one per-model factorisation, then two triangular solves and an adjoint per image. The product's
   * default: it separated the zoo's generators best in the evaluation (docs/results.md).
   */
  MIN_NORM("min-norm"),
  /**
   * The authors' schedule exactly: atanh targets, FISTA with the fixed step η = 0.025 from δ₀ = ā,
   * stopping when the batch's largest mean |δ_k − δ_{k+1}| ≤ 1e-5 or after 10,000 iterations. For
   * fidelity to the paper; seconds per 28×28 image on two CPU cores, and the stop rule makes an
   * image's features depend on the rest of its batch.
   */
  PAPER("paper"),
  /**
   * The coordinate-descent working-set solver capped at {@code maxEpochs} epochs from δ₀ = 0 with
   * quantisation-interval targets: the first product recipe, kept so that older bundles still load.
   * It does not reach the lasso optimum on the zoo's layers.
   */
  WORKING_SET("working-set");

  private final String id;

  InversionRecipe(String id) {
    this.id = id;
  }

  /** The stable name used on the command line and in reports, e.g. "min-norm". */
  public String id() {
    return id;
  }

  /**
   * The recipe named {@code id} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted names
   */
  public static InversionRecipe fromId(String id) {
    for (InversionRecipe recipe : values()) {
      if (recipe.id.equalsIgnoreCase(id.strip())) {
        return recipe;
      }
    }
    throw new IllegalArgumentException(
        "Unknown inversion recipe '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(InversionRecipe::id).collect(Collectors.joining(", "))
            + ".");
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
