package org.flipad.core.attribution;

import java.util.List;

/**
 * Features of a batch of images.
 *
 * @param rows [N][C·H·W] float32, C order, one row per image
 * @param solverStatistics one entry per image for methods that solve a lasso (FLIPAD), else empty
 */
public record ExtractedFeatures(float[][] rows, List<SolverStatistics> solverStatistics) {

  /** Features of a method that solves nothing. */
  public static ExtractedFeatures withoutSolver(float[][] rows) {
    return new ExtractedFeatures(rows, List.of());
  }
}
