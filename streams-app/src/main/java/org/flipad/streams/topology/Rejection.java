package org.flipad.streams.topology;

import java.util.Objects;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;

/**
 * Why an input cannot be screened: the dead-letter code, the stage that refused it and a message
 * saying what was wrong and what the producer should do.
 *
 * @param reason the dead-letter reason code
 * @param stage where it failed
 * @param detail the message for the producer
 * @param exceptionClass the exception behind it, or null
 */
public record Rejection(
    DeadLetterReason reason, DeadLetterStage stage, String detail, String exceptionClass) {

  /** Requires reason, stage and detail. */
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(detail, "detail");
  }

  /** A rejection without an exception behind it. */
  public static Rejection of(DeadLetterReason reason, DeadLetterStage stage, String detail) {
    return new Rejection(reason, stage, detail, null);
  }
}
