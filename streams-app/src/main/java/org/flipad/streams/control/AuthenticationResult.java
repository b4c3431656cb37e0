package org.flipad.streams.control;

import java.util.Objects;
import org.flipad.schema.ControlCommand;

/** What {@link CommandAuthenticator} decided about one command: accepted, or rejected with why. */
public sealed interface AuthenticationResult {

  /** The command, as received. */
  ControlCommand command();

  /**
   * The command is signed by a trusted key, fresh, seen for the first time and well formed; it may
   * be executed.
   *
   * @param command the command
   */
  record Accepted(ControlCommand command) implements AuthenticationResult {
    /** Requires the command. */
    public Accepted {
      Objects.requireNonNull(command, "command");
    }
  }

  /**
   * The command must not be executed; it goes to the dead-letter topic.
   *
   * @param command the command
   * @param reason the code, one-to-one with a dead-letter reason
   * @param detail what was wrong, the values, and what the operator should do
   */
  record Rejected(ControlCommand command, RejectionReason reason, String detail)
      implements AuthenticationResult {
    /** Requires every field. */
    public Rejected {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
