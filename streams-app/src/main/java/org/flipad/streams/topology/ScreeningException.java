package org.flipad.streams.topology;

/** Carries a {@link Rejection} out of the intake steps; never escapes the topology. */
final class ScreeningException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  ScreeningException(Rejection rejection) {
    super(rejection.detail(), null, false, false);
    this.rejection = rejection;
  }

  Rejection rejection() {
    return rejection;
  }
}
