package org.flipad.core.generator.training;

/**
 * A training run whose losses stopped being numbers. Expected, not a bug: GAN training can diverge,
 * and the caller should report the message (which says what to try) rather than a stack trace.
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what diverged, where, and what to do
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
