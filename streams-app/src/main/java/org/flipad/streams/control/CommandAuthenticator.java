package org.flipad.streams.control;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.flipad.schema.ControlCommand;
import org.flipad.streams.control.AuthenticationResult.Accepted;
import org.flipad.streams.control.AuthenticationResult.Rejected;

/**
 * Decides whether a control command may be executed: it must be signed by a trusted key, fresh,
 * well formed and not seen before.
 *
 * <p>Checks run in this order, and the first failure is the reason:
 *
 * <ol>
 *   <li>UNSIGNED_COMMAND: no signature or no key id.
 *   <li>INVALID_COMMAND when the type is UNKNOWN: a newer writer's type cannot be verified here
 *       (the reader replaced its symbol, so the signature would fail); saying so is more useful
 *       than BAD_SIGNATURE.
 *   <li>BAD_SIGNATURE: unknown key id, or the signature does not verify. Authentication comes
 *       before the content checks so that a forged command is reported as forged.
 *   <li>REPLAYED_COMMAND: issuedAt older than {@link AuthenticationSettings#maxAge()} or further
 *       than {@link AuthenticationSettings#maxClockSkew()} in the future.
 *   <li>INVALID_COMMAND: the payload breaks {@link CommandRules}.
 *   <li>REPLAYED_COMMAND: the command id was accepted before (or the replay memory is full). Only
 *       an accepted command's id is remembered, so nobody can use up an id with an unsigned, forged
 *       or malformed command, and a redelivered rejected command is rejected for the same reason.
 * </ol>
 *
 * <p>Thread-safe when its {@link ReplayMemory} is.
 */
public final class CommandAuthenticator {

  private final CommandVerifier verifier;
  private final ReplayMemory memory;
  private final AuthenticationSettings settings;
  private final InstantSource clock;

  /** An authenticator trusting {@code verifier}'s keys and remembering ids in {@code memory}. */
  public CommandAuthenticator(
      CommandVerifier verifier,
      ReplayMemory memory,
      AuthenticationSettings settings,
      InstantSource clock) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.memory = Objects.requireNonNull(memory, "memory");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An authenticator with a {@link BoundedReplayMemory} of {@code settings.replayCapacity()}. */
  public static CommandAuthenticator inMemory(
      CommandVerifier verifier, AuthenticationSettings settings, InstantSource clock) {
    return new CommandAuthenticator(
        verifier, new BoundedReplayMemory(settings.replayCapacity(), clock), settings, clock);
  }

  /** Accepts {@code command} (remembering its id) or says why it must not be executed. */
  public AuthenticationResult authenticate(ControlCommand command) {
    Optional<String> typeProblem = CommandRules.typeProblem(command.getType());
    SignatureCheck signature = verifier.check(command);
    if (signature == SignatureCheck.UNSIGNED) {
      return reject(command, RejectionReason.UNSIGNED_COMMAND, CommandMessages.unsigned(command));
    }
    if (typeProblem.isPresent()) {
      return reject(command, RejectionReason.INVALID_COMMAND, typeProblem.get());
    }
    if (signature != SignatureCheck.VALID) {
      return reject(
          command,
          RejectionReason.BAD_SIGNATURE,
          CommandMessages.badSignature(command, signature, verifier.keyIds()));
    }
    Instant now = clock.instant();
    Optional<String> stale = freshnessProblem(command, now);
    if (stale.isPresent()) {
      return reject(command, RejectionReason.REPLAYED_COMMAND, stale.get());
    }
    Optional<String> malformed = CommandRules.problems(command);
    if (malformed.isPresent()) {
      return reject(
          command,
          RejectionReason.INVALID_COMMAND,
          CommandMessages.describe(command) + " is malformed: " + malformed.get());
    }
    return remember(command);
  }

  private Optional<String> freshnessProblem(ControlCommand command, Instant now) {
    Instant issuedAt = command.getIssuedAt();
    if (issuedAt == null) {
      // Without issuedAt freshness cannot be judged; the payload rules report it as malformed.
      return Optional.empty();
    }
    Duration age = Duration.between(issuedAt, now);
    if (age.compareTo(settings.maxAge()) > 0) {
      return Optional.of(CommandMessages.tooOld(command, age, now, settings.maxAge()));
    }
    if (age.negated().compareTo(settings.maxClockSkew()) > 0) {
      return Optional.of(
          CommandMessages.fromTheFuture(command, age.negated(), now, settings.maxClockSkew()));
    }
    return Optional.empty();
  }

  private AuthenticationResult remember(ControlCommand command) {
    Instant forgetAfter = command.getIssuedAt().plus(settings.maxAge());
    return switch (memory.remember(command.getCommandId(), forgetAfter)) {
      case FIRST -> new Accepted(command);
      case REPEATED ->
          reject(command, RejectionReason.REPLAYED_COMMAND, CommandMessages.repeated(command));
      case FULL ->
          reject(
              command,
              RejectionReason.REPLAYED_COMMAND,
              CommandMessages.memoryFull(command, settings.replayCapacity(), settings.maxAge()));
    };
  }

  private static Rejected reject(ControlCommand command, RejectionReason reason, String detail) {
    return new Rejected(command, reason, detail);
  }
}
