package org.flipad.streams.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.flipad.schema.ControlCommand;

/** The rejection messages: what was wrong, the values, what the operator should do. */
final class CommandMessages {

  private CommandMessages() {}

  /** "Command ID (TYPE model M from ISSUER)". */
  static String describe(ControlCommand command) {
    return "Command "
        + command.getCommandId()
        + " ("
        + command.getType()
        + " model "
        + command.getModelId()
        + " from "
        + command.getIssuer()
        + ")";
  }

  static String unsigned(ControlCommand command) {
    return describe(command)
        + " has no "
        + (command.getKeyId() == null || command.getKeyId().isBlank() ? "key id" : "signature")
        + "; unsigned commands are never executed. Sign it with an operator key (flipad control"
        + " … --key FILE) and publish it again.";
  }

  static String badSignature(ControlCommand command, SignatureCheck check, Set<String> trusted) {
    if (check == SignatureCheck.UNKNOWN_KEY) {
      return describe(command)
          + " is signed with key '"
          + command.getKeyId()
          + "', which this consumer does not trust (trusted: "
          + trusted
          + "). Sign with a trusted key, or add the operator's "
          + command.getKeyId()
          + ".pub to the trusted keys and restart.";
    }
    return describe(command)
        + " has a signature that does not verify with key '"
        + command.getKeyId()
        + "': the command was changed after it was signed, or signed with another key. Do not edit"
        + " signed commands; issue and sign a new one.";
  }

  static String tooOld(ControlCommand command, Duration age, Instant now, Duration maxAge) {
    return describe(command)
        + " was issued at "
        + command.getIssuedAt()
        + ", "
        + human(age)
        + " before now ("
        + now
        + "); commands older than "
        + human(maxAge)
        + " are refused as possible replays. Issue a new command (new id, current time); if it was"
        + " just issued, check the issuer's clock.";
  }

  static String fromTheFuture(ControlCommand command, Duration ahead, Instant now, Duration skew) {
    return describe(command)
        + " claims to be issued at "
        + command.getIssuedAt()
        + ", "
        + human(ahead)
        + " after now ("
        + now
        + "); at most "
        + human(skew)
        + " of clock skew is allowed. Check the issuer's clock (NTP) and issue the command again.";
  }

  static String repeated(ControlCommand command) {
    return describe(command)
        + " repeats a command id that was already accepted; it is refused as a replay. If this is"
        + " a new command, give it a new id.";
  }

  static String memoryFull(ControlCommand command, int capacity, Duration maxAge) {
    return describe(command)
        + " cannot be checked for replay: "
        + capacity
        + " command ids are remembered from the last "
        + human(maxAge)
        + " and the memory is full. Send it again later, or raise the replay capacity.";
  }

  /** "12 min 3 s", "850 ms". */
  static String human(Duration duration) {
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    return minutes + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
  }
}
