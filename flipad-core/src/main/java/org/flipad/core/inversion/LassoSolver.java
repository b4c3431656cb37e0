package org.flipad.core.inversion;

import java.util.List;

/**
 * Solves the lasso δ̂ = argmin_δ ½‖W·δ − r‖² + λ‖δ‖₁ for a batch of targets r, for one final layer
 * W and one λ fixed at construction.
 *
 * <p>Every result carries a {@link DualityCertificate} computed in double precision, and a stop
 * reason: not converging is a value, not an exception. Solvers may hold native resources; close
 * them.
 */
public interface LassoSolver extends AutoCloseable {

  /** A short name for reports, e.g. "fista-certified". */
  String name();

  /**
   * Solves every target of the batch.
   *
   * @param batch targets r [N][m], optional starts [N][p] and optional objective targets
   * @return one result per target, in order
   */
  List<LassoResult> solve(LassoBatch batch);

  /** Releases native memory and threads. */
  @Override
  void close();
}
