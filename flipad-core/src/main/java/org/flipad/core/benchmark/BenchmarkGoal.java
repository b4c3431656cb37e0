package org.flipad.core.benchmark;

/** What a timed run had to achieve. */
public enum BenchmarkGoal {
  /** Run the whole schedule (the reference rows). */
  FULL_SCHEDULE("full schedule"),
  /** Reach, per image, the reference schedule's (η = 0.025) final objective. */
  REFERENCE_OBJECTIVE("reach reference objective"),
  /** Certify a relative duality gap of 1e-4. */
  GAP_1E4("certify gap 1e-4"),
  /** Certify a relative duality gap of 1e-6. */
  GAP_1E6("certify gap 1e-6");

  private final String label;

  BenchmarkGoal(String label) {
    this.label = label;
  }

  /** Human-readable goal. */
  public String label() {
    return label;
  }
}
