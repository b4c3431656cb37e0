package org.flipad.streams.topology;

import java.util.Locale;

/** Why a worker result was ignored: no upload in the pending store was waiting for it. */
public enum LateResult {
  /** The upload already has its verdict, timed out, or was never screened by this application. */
  NOT_PENDING,
  /**
   * The upload is pending but not waiting for this model version: it already answered (a
   * redelivery) or another version was asked.
   */
  NOT_AWAITED,
  /** A null value on the results topic. */
  TOMBSTONE;

  /** The metric label, e.g. {@code not_pending}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
