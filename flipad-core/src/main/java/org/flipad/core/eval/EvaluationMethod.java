package org.flipad.core.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The methods {@code flipad evaluate} compares (FLIPAD.md section 6). */
public enum EvaluationMethod {
  /** DeepSAD on activations recovered through the target's final layer. */
  FLIPAD("flipad"),
  /** DeepSAD on raw pixels. */
  RAWPAD("rawpad"),
  /** DeepSAD on log |DCT-II| standardised over both classes. */
  DCTPAD("dctpad"),
  /** Correlation with the target's mean noise residual (needs no negatives). */
  FINGERPRINT("fingerprint"),
  /**
   * FLIPAD (the first recipe) and RawPAD together: each score's logarithm is standardised on its
   * own validation target scores and the mean counts ({@link ScoreFusion}).
   */
  FUSION("fusion");

  private final String id;

  EvaluationMethod(String id) {
    this.id = id;
  }

  /** The name in reports and on the command line. */
  public String id() {
    return id;
  }

  /**
   * Parses a comma-separated list of method names.
   *
   * @throws IllegalArgumentException naming the accepted names on an unknown one
   */
  public static List<EvaluationMethod> parseList(String csv) {
    return Arrays.stream(csv.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(EvaluationMethod::fromId)
        .distinct()
        .toList();
  }

  private static EvaluationMethod fromId(String id) {
    return Arrays.stream(values())
        .filter(m -> m.id.equalsIgnoreCase(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown method '"
                        + id
                        + "'; expected some of "
                        + Arrays.stream(values()).map(m -> m.id).collect(Collectors.joining(", "))
                        + "."));
  }
}
