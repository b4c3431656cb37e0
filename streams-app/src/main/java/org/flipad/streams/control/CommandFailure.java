package org.flipad.streams.control;

/**
 * An accepted command that cannot be carried out (no such version, quality gate failed, bundle
 * unreadable); the job ends FAILED with this message and nothing changes.
 */
public final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** Figures the job measured before it failed (e.g. the quality gate's), for the status. */
  private final java.util.Map<String, Double> metrics;

  /** A failure saying what failed, the value, what was expected and what to do. */
  public CommandFailure(String message) {
    this(message, java.util.Map.of());
  }

  /** A failure with the figures behind it (e.g. a refused candidate's gate figures). */
  public CommandFailure(String message, java.util.Map<String, Double> metrics) {
    super(message);
    this.metrics = java.util.Map.copyOf(metrics);
  }

  /** A failure with its cause. */
  public CommandFailure(String message, Throwable cause) {
    super(message, cause);
    this.metrics = java.util.Map.of();
  }

  /** The figures behind the failure; empty when there are none. */
  public java.util.Map<String, Double> metrics() {
    return metrics;
  }
}
