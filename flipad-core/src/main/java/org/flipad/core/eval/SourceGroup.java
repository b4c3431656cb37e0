package org.flipad.core.eval;

/** Which kind of source the non-target samples of a {@link Comparison} come from (the paper). */
public enum SourceGroup {
  /** Real images (the "against real images" results). */
  REAL,
  /** Images of generators of other architectures (the paper's Table 1). */
  DIFFERENT_ARCHITECTURE,
  /** Images of other training runs of the target's architecture (the paper's Table 2). */
  SAME_ARCHITECTURE
}
