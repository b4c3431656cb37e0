package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandSignatureTest {

  private static final KeyPair ALICE = Commands.keyPair(1);
  private static final KeyPair MALLORY = Commands.keyPair(2);

  private final CommandSigner signer = new CommandSigner(ALICE.getPrivate(), "alice");
  private final CommandVerifier verifier = new CommandVerifier(Map.of("alice", ALICE.getPublic()));

  @Test
  void shouldVerifyWhenSignedByTrustedKey() {
    ControlCommand signed = signer.sign(Commands.command(CommandType.RETRAIN, "c-1"));

    assertThat(signed.getKeyId()).isEqualTo("alice");
    assertThat(signed.getSignature().remaining()).isEqualTo(Ed25519.SIGNATURE_BYTES);
    assertThat(verifier.check(signed)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void shouldKeepEveryOtherFieldWhenSigning() {
    ControlCommand command = Commands.command(CommandType.RETRAIN, "c-1");
    ControlCommand signed = signer.sign(command);

    assertThat(ControlCommand.newBuilder(signed).setSignature(null).setKeyId(null).build())
        .isEqualTo(command);
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        Arguments.of("modelId", (UnaryOperator<ControlCommand.Builder>) b -> b.setModelId("sngan")),
        Arguments.of("version", (UnaryOperator<ControlCommand.Builder>) b -> b.setVersion(3)),
        Arguments.of("fnr", (UnaryOperator<ControlCommand.Builder>) b -> b.setFnr(0.5)),
        Arguments.of(
            "type", (UnaryOperator<ControlCommand.Builder>) b -> b.setType(CommandType.ROLLBACK)),
        Arguments.of(
            "issuedAt",
            (UnaryOperator<ControlCommand.Builder>) b -> b.setIssuedAt(Commands.NOW.plusMillis(1))),
        Arguments.of("note (null)", (UnaryOperator<ControlCommand.Builder>) b -> b.setNote(null)),
        Arguments.of("keyId", (UnaryOperator<ControlCommand.Builder>) b -> b.setKeyId("bob")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void shouldNotVerifyWhenAFieldWasChangedAfterSigning(
      String field, UnaryOperator<ControlCommand.Builder> tamper) {
    ControlCommand.Builder base = Commands.builder(CommandType.ACTIVATE, "c-2");
    ControlCommand signed = signer.sign(base.build());
    CommandVerifier both =
        new CommandVerifier(Map.of("alice", ALICE.getPublic(), "bob", MALLORY.getPublic()));

    ControlCommand tampered = tamper.apply(ControlCommand.newBuilder(signed)).build();

    assertThat(tampered).as(field).isNotEqualTo(signed);
    assertThat(both.check(tampered)).as(field).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void shouldNotVerifyWhenSignedByAnotherKeyUnderATrustedKeyId() {
    ControlCommand forged =
        new CommandSigner(MALLORY.getPrivate(), "alice")
            .sign(Commands.command(CommandType.ACTIVATE, "c-3"));

    assertThat(verifier.check(forged)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void shouldReportUnknownKeyWhenKeyIdIsNotTrusted() {
    ControlCommand signed =
        new CommandSigner(MALLORY.getPrivate(), "mallory")
            .sign(Commands.command(CommandType.ACTIVATE, "c-4"));

    assertThat(verifier.check(signed)).isEqualTo(SignatureCheck.UNKNOWN_KEY);
  }

  @Test
  void shouldReportUnsignedWhenSignatureOrKeyIdIsMissing() {
    ControlCommand signed = signer.sign(Commands.command(CommandType.DISABLE, "c-5"));

    assertThat(verifier.check(Commands.command(CommandType.DISABLE, "c-5")))
        .isEqualTo(SignatureCheck.UNSIGNED);
    assertThat(verifier.check(ControlCommand.newBuilder(signed).setSignature(null).build()))
        .isEqualTo(SignatureCheck.UNSIGNED);
    assertThat(verifier.check(ControlCommand.newBuilder(signed).setKeyId(null).build()))
        .isEqualTo(SignatureCheck.UNSIGNED);
  }

  @Test
  void shouldReportMismatchWhenSignatureHasTheWrongLength() {
    ControlCommand signed = signer.sign(Commands.command(CommandType.DISABLE, "c-6"));
    ControlCommand truncated =
        ControlCommand.newBuilder(signed).setSignature(ByteBuffer.wrap(new byte[10])).build();

    assertThat(verifier.check(truncated)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void shouldRefuseNonEd25519KeysWhenConfigured() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    KeyPair rsaKeys = rsa.generateKeyPair();

    assertThatThrownBy(() -> new CommandVerifier(Map.of("ops", rsaKeys.getPublic())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA");
    assertThatThrownBy(() -> new CommandSigner(rsaKeys.getPrivate(), "ops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flipad keys generate");
  }

  @Test
  void shouldGiveSameBytesWhenSchemaGainsAnOptionalFieldThatIsNull() {
    ControlCommand command = signer.sign(Commands.command(CommandType.RETRAIN, "c-7"));
    GenericRecord evolved = copyInto(evolvedSchema(false), command);

    assertThat(CanonicalCommandForm.bytesToSign(evolved))
        .isEqualTo(CanonicalCommandForm.bytesToSign(command));
    evolved.put("priority", 5);
    assertThat(CanonicalCommandForm.bytesToSign(evolved))
        .isNotEqualTo(CanonicalCommandForm.bytesToSign(command));
  }

  @Test
  void shouldGiveSameBytesWhenFieldsAreReordered() {
    ControlCommand command = signer.sign(Commands.command(CommandType.REGISTER, "c-8"));
    GenericRecord reordered = copyInto(evolvedSchema(true), command);

    assertThat(CanonicalCommandForm.bytesToSign(reordered))
        .isEqualTo(CanonicalCommandForm.bytesToSign(command));
  }

  @Test
  void shouldGiveDifferentBytesWhenAValueMovesBetweenFields() {
    // The same strings in other fields must not collide: names are part of the encoding.
    ControlCommand a =
        Commands.builder(CommandType.REGISTER, "c-9").setIssuer("x").setNote("y").build();
    ControlCommand b =
        Commands.builder(CommandType.REGISTER, "c-9").setIssuer("y").setNote("x").build();

    assertThat(CanonicalCommandForm.bytesToSign(a))
        .isNotEqualTo(CanonicalCommandForm.bytesToSign(b));
  }

  /** ControlCommand's schema plus an optional int "priority", optionally with fields reversed. */
  private static Schema evolvedSchema(boolean reversed) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : ControlCommand.getClassSchema().getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    if (reversed) {
      java.util.Collections.reverse(fields);
    } else {
      Schema optionalInt =
          Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT));
      fields.add(
          new Schema.Field("priority", optionalInt, "test", Schema.Field.NULL_DEFAULT_VALUE));
    }
    return Schema.createRecord("ControlCommand", null, "org.flipad.schema", false, fields);
  }

  /** The command as a generic record of {@code schema}, as a generic reader would produce it. */
  private static GenericRecord copyInto(Schema schema, ControlCommand command) {
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field f : ControlCommand.getClassSchema().getFields()) {
      Object value = command.get(f.pos());
      if (value instanceof java.time.Instant instant) {
        value = instant.toEpochMilli(); // a generic reader without conversions yields the millis
      }
      if (value instanceof Enum<?> symbol) {
        value = new GenericData.EnumSymbol(f.schema(), symbol.name());
      }
      record.put(f.name(), value);
    }
    return record;
  }
}
