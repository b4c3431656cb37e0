package org.flipad.streams.control;

import org.flipad.schema.DeadLetterReason;

/**
 * Why a control command is refused; each maps one-to-one onto the dead-letter reason of the same
 * name.
 */
public enum RejectionReason {
  /** Malformed or not applicable: a field its type needs is missing, a value is out of range. */
  INVALID_COMMAND,
  /** No signature or no key id. */
  UNSIGNED_COMMAND,
  /** The key id is not trusted, or the signature does not verify with it. */
  BAD_SIGNATURE,
  /** The command id was accepted before, or issuedAt is outside the accepted window. */
  REPLAYED_COMMAND;

  /** The dead-letter reason recorded for this rejection. */
  public DeadLetterReason deadLetterReason() {
    return DeadLetterReason.valueOf(name());
  }
}
