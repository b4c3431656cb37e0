package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.DeadLetterReason;
import org.flipad.streams.control.AuthenticationResult.Accepted;
import org.flipad.streams.control.AuthenticationResult.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandAuthenticatorTest {

  private static final KeyPair ALICE = Commands.keyPair(1);
  private static final KeyPair MALLORY = Commands.keyPair(2);

  private final Commands.TestClock clock = new Commands.TestClock(Commands.NOW);
  private final CommandSigner alice = new CommandSigner(ALICE.getPrivate(), "alice");
  private final CommandAuthenticator authenticator =
      CommandAuthenticator.inMemory(
          new CommandVerifier(Map.of("alice", ALICE.getPublic())),
          AuthenticationSettings.defaults(),
          clock);

  @ParameterizedTest
  @EnumSource(value = CommandType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
  void shouldAcceptWhenSignedFreshAndWellFormed(CommandType type) {
    ControlCommand command = alice.sign(Commands.command(type, "id-" + type));

    assertThat(authenticator.authenticate(command)).isEqualTo(new Accepted(command));
  }

  @Test
  void shouldRejectAsUnsignedWhenSignatureIsMissing() {
    Rejected rejected = rejected(Commands.command(CommandType.ACTIVATE, "c-1"));

    assertThat(rejected.reason()).isEqualTo(RejectionReason.UNSIGNED_COMMAND);
    assertThat(rejected.detail()).contains("c-1").contains("Sign it");
  }

  @Test
  void shouldRejectAsBadSignatureWhenAFieldWasChanged() {
    ControlCommand signed = alice.sign(Commands.command(CommandType.ACTIVATE, "c-2"));
    ControlCommand tampered = ControlCommand.newBuilder(signed).setVersion(1).build();

    Rejected rejected = rejected(tampered);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(rejected.detail()).contains("does not verify with key 'alice'");
  }

  @Test
  void shouldRejectAsBadSignatureWhenKeyIdIsUnknown() {
    ControlCommand signed =
        new CommandSigner(MALLORY.getPrivate(), "mallory")
            .sign(Commands.command(CommandType.ACTIVATE, "c-3"));

    Rejected rejected = rejected(signed);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(rejected.detail()).contains("'mallory'").contains("[alice]");
  }

  @Test
  void shouldRejectAsReplayedWhenCommandIdWasAcceptedBefore() {
    ControlCommand command = alice.sign(Commands.command(CommandType.ACTIVATE, "c-4"));
    assertThat(authenticator.authenticate(command)).isInstanceOf(Accepted.class);

    Rejected again = rejected(command);
    ControlCommand sameIdOtherContent =
        alice.sign(Commands.builder(CommandType.ACTIVATE, "c-4").setVersion(5).build());

    assertThat(again.reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
    assertThat(again.detail()).contains("already accepted");
    assertThat(rejected(sameIdOtherContent).reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
  }

  @Test
  void shouldNotUseUpTheIdWhenACommandIsRejected() {
    ControlCommand genuine = alice.sign(Commands.command(CommandType.ACTIVATE, "c-5"));
    ControlCommand forged =
        new CommandSigner(MALLORY.getPrivate(), "alice")
            .sign(Commands.command(CommandType.ACTIVATE, "c-5"));

    assertThat(rejected(forged).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(authenticator.authenticate(genuine)).isInstanceOf(Accepted.class);
  }

  @Test
  void shouldRejectAsReplayedWhenIssuedLongerAgoThanMaxAge() {
    ControlCommand command = alice.sign(Commands.command(CommandType.ENABLE, "c-6"));
    clock.set(Commands.NOW.plus(Duration.ofMinutes(10)).plusSeconds(1));

    Rejected rejected = rejected(command);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
    assertThat(rejected.detail()).contains("10 min 1 s before now").contains("older than 10 min");
  }

  @Test
  void shouldAcceptWhenExactlyMaxAgeOld() {
    clock.set(Commands.NOW.plus(Duration.ofMinutes(10)));

    assertThat(authenticator.authenticate(alice.sign(Commands.command(CommandType.ENABLE, "c-7"))))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void shouldRejectAsReplayedWhenIssuedFurtherInTheFutureThanTheSkew() {
    ControlCommand command = alice.sign(Commands.command(CommandType.ENABLE, "c-8"));
    clock.set(Commands.NOW.minusSeconds(31));

    Rejected rejected = rejected(command);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
    assertThat(rejected.detail()).contains("31 s after now").contains("clock");
  }

  @Test
  void shouldAcceptWhenIssuedInTheFutureWithinTheSkew() {
    clock.set(Commands.NOW.minusSeconds(30));

    assertThat(authenticator.authenticate(alice.sign(Commands.command(CommandType.ENABLE, "c-9"))))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void shouldStillRefuseAReplayWhenItsIdHasBeenForgotten() {
    ControlCommand command = alice.sign(Commands.command(CommandType.DISABLE, "c-10"));
    assertThat(authenticator.authenticate(command)).isInstanceOf(Accepted.class);
    clock.set(Commands.NOW.plus(Duration.ofMinutes(11)));

    // The id has expired from memory; the age check refuses the replay instead.
    assertThat(rejected(command).reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
  }

  @Test
  void shouldRejectAsInvalidWhenSignedButMalformed() {
    ControlCommand activateWithoutVersion =
        alice.sign(Commands.builder(CommandType.ACTIVATE, "c-11").setVersion(null).build());

    Rejected rejected = rejected(activateWithoutVersion);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_COMMAND);
    assertThat(rejected.detail()).contains("c-11").contains("ACTIVATE needs version");
  }

  @Test
  void shouldRejectAsInvalidWhenTypeIsUnknown() {
    ControlCommand unknown =
        alice.sign(
            Commands.builder(CommandType.DISABLE, "c-12").setType(CommandType.UNKNOWN).build());

    Rejected rejected = rejected(unknown);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_COMMAND);
    assertThat(rejected.detail()).contains("UNKNOWN").contains("Upgrade");
  }

  @Test
  void shouldRejectAsReplayedWhenReplayMemoryIsFull() {
    CommandAuthenticator small =
        CommandAuthenticator.inMemory(
            new CommandVerifier(Map.of("alice", ALICE.getPublic())),
            AuthenticationSettings.defaults().withReplayCapacity(1),
            clock);
    assertThat(small.authenticate(alice.sign(Commands.command(CommandType.ENABLE, "a"))))
        .isInstanceOf(Accepted.class);

    AuthenticationResult second =
        small.authenticate(alice.sign(Commands.command(CommandType.ENABLE, "b")));

    assertThat(second).isInstanceOf(Rejected.class);
    assertThat(((Rejected) second).reason()).isEqualTo(RejectionReason.REPLAYED_COMMAND);
    assertThat(((Rejected) second).detail()).contains("memory is full");
  }

  @Test
  void shouldRejectAsBadSignatureWhenSignatureIsGarbage() {
    ControlCommand signed = alice.sign(Commands.command(CommandType.ENABLE, "c-13"));
    ControlCommand garbage =
        ControlCommand.newBuilder(signed).setSignature(ByteBuffer.wrap(new byte[64])).build();

    assertThat(rejected(garbage).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @EnumSource(RejectionReason.class)
  void shouldMapEachReasonOntoTheSameNamedDeadLetterReason(RejectionReason reason) {
    assertThat(reason.deadLetterReason()).isEqualTo(DeadLetterReason.valueOf(reason.name()));
  }

  private Rejected rejected(ControlCommand command) {
    AuthenticationResult result = authenticator.authenticate(command);
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }
}
