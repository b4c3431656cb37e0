package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.flipad.schema.Alert;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.AuditOutcome;
import org.flipad.schema.AuditRecord;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.DeadLetterSummary;
import org.flipad.schema.Decision;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.flipad.schema.FnrThreshold;
import org.flipad.schema.ImageFormat;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.InversionError;
import org.flipad.schema.InversionErrorReason;
import org.flipad.schema.InversionRequest;
import org.flipad.schema.InversionResult;
import org.flipad.schema.InversionTimings;
import org.flipad.schema.ModelAttribution;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.SolverStats;
import org.flipad.schema.SolverStopReason;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.schema.UndecidedReason;
import org.flipad.schema.ValidationMetrics;
import org.flipad.schema.VerdictSummary;
import org.flipad.schema.VerdictTimings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SpecificRecord classes generated from {@code schemas/*.avsc}: each one, fully populated,
 * survives Avro binary serialisation unchanged, and each carries the schema of its current file.
 */
class SchemaRoundTripTest {

  private static final String JAVA_STRING_PROPERTY = ",\"avro.java.string\":\"String\"";
  private static final Instant T0 = Instant.ofEpochMilli(1_767_225_600_123L);
  private static final String SHA256 =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  static Stream<SpecificRecordBase> populatedRecords() {
    return Stream.of(
        imageUpload(),
        inversionRequest(),
        inversionResult(),
        attributionVerdict(),
        alert(),
        auditRecord(),
        deadLetter(),
        controlCommand(),
        modelVersion(),
        trainingStatus(),
        feedback());
  }

  @ParameterizedTest
  @MethodSource("populatedRecords")
  void shouldReadBackAnEqualRecordWhenWrittenWithItsOwnSchema(SpecificRecordBase record)
      throws IOException {
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("populatedRecords")
  void shouldPopulateEveryFieldInTheFixtures(SpecificRecordBase record) {
    assertThat(nullFields(record)).as("fields left null in the %s fixture", name(record)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("populatedRecords")
  void shouldCarryTheSchemaOfTheCurrentFile(SpecificRecordBase record) {
    Schema file = SchemaFiles.parse(SchemaFiles.current(name(record)));
    // stringType=String marks every string with "avro.java.string"; the files do not.
    String generated = record.getSchema().toString().replace(JAVA_STRING_PROPERTY, "");
    assertThat(new Schema.Parser().parse(generated).toString())
        .as(
            "generated %s vs schemas/%s.avsc (rebuild: mvn generate-sources)",
            name(record), name(record))
        .isEqualTo(file.toString());
  }

  @Test
  void shouldHaveAGeneratedClassForEverySchemaFile() {
    assertThat(populatedRecords().map(SchemaRoundTripTest::name))
        .containsExactlyInAnyOrderElementsOf(SchemaFiles.currentNames());
  }

  @Test
  void shouldFillDefaultsWhenOptionalFieldsAreNotSet() throws IOException {
    ImageUpload minimal =
        ImageUpload.newBuilder()
            .setUploadId("u-2")
            .setTenant("photos-eu")
            .setUploadedAt(T0)
            .setContentType("image/jpeg")
            .setImageUri("https://media.example.org/u-2.jpg")
            .build();

    assertThat(minimal.getImageBytes()).isNull();
    assertThat(minimal.getModelIds()).isNull();
    assertThat(minimal.getMetadata()).isEmpty();
    assertThat(roundTrip(minimal)).isEqualTo(minimal);
  }

  private static ImageUpload imageUpload() {
    return ImageUpload.newBuilder()
        .setUploadId("u-1")
        .setTenant("photos-eu")
        .setSource("mobile")
        .setUploader("acct-7f3a")
        .setUploadedAt(T0)
        .setContentType("image/png")
        .setImageBytes(bytes("\u0089PNG..."))
        .setImageUri("https://media.example.org/u-1.png")
        .setSha256(SHA256)
        .setSizeBytes(1234L)
        .setModelIds(List.of("dcgan-fashion", "wgan-gp-fashion"))
        .setMetadata(Map.of("requestId", "r-42"))
        .build();
  }

  private static InversionRequest inversionRequest() {
    return InversionRequest.newBuilder()
        .setUploadId("u-1")
        .setModelId("dcgan-fashion")
        .setModelVersion(3)
        .setImageSha256(SHA256)
        .setPixels(ByteBuffer.wrap(new byte[] {0, 127, (byte) 255, 12}))
        .setEncodedImage(bytes("\u0089PNG..."))
        .setWidth(2)
        .setHeight(2)
        .setChannels(1)
        .setRequestedAt(T0)
        .setDeadlineAt(T0.plusSeconds(30))
        .setAttempt(2)
        .setSourceTopic("flipad.uploads")
        .setSourcePartition(4)
        .setSourceOffset(81_234L)
        .build();
  }

  private static InversionResult inversionResult() {
    return InversionResult.newBuilder()
        .setUploadId("u-1")
        .setModelId("dcgan-fashion")
        .setModelVersion(3)
        .setImageSha256(SHA256)
        .setDecision(Decision.UNDECIDED)
        .setScore(0.0123)
        .setPValue(0.41)
        .setFnr(0.005)
        .setThreshold(0.05)
        .setSolver(
            SolverStats.newBuilder()
                .setObjective(1.25)
                .setRelativeGap(9.5e-4)
                .setIterations(37)
                .setStopReason(SolverStopReason.CERTIFIED)
                .build())
        .setTimings(
            InversionTimings.newBuilder()
                .setQueueMs(12)
                .setDecodeMs(0)
                .setInversionMs(340)
                .setScoringMs(4)
                .build())
        .setWorkerId("worker-0")
        .setAttempt(1)
        .setCompletedAt(T0.plusMillis(356))
        .setError(
            InversionError.newBuilder()
                .setReason(InversionErrorReason.DEADLINE_EXCEEDED)
                .setDetail("Deadline passed 20 ms before the solve finished.")
                .build())
        .build();
  }

  private static ModelAttribution modelAttribution() {
    return ModelAttribution.newBuilder()
        .setModelId("dcgan-fashion")
        .setModelVersion(3)
        .setDecision(Decision.ATTRIBUTED)
        .setScore(0.0123)
        .setPValue(0.41)
        .setFnr(0.005)
        .setThreshold(0.05)
        .setUndecidedReason(UndecidedReason.TIMEOUT)
        .setWorkerId("worker-0")
        .build();
  }

  private static AttributionVerdict attributionVerdict() {
    return AttributionVerdict.newBuilder()
        .setVerdictId("v-1")
        .setUploadId("u-1")
        .setTenant("photos-eu")
        .setImageSha256(SHA256)
        .setWidth(28)
        .setHeight(28)
        .setFormat(ImageFormat.PNG)
        .setModels(List.of(modelAttribution()))
        .setVerdict(Decision.ATTRIBUTED)
        .setAttributedModelId("dcgan-fashion")
        .setAttributedModelVersion(3)
        .setUndecidedReason(UndecidedReason.NO_MODELS)
        .setCached(true)
        .setTimings(
            VerdictTimings.newBuilder()
                .setQueueMs(12)
                .setDecodeMs(3)
                .setInversionMs(340)
                .setScoringMs(4)
                .setEndToEndMs(420)
                .build())
        .setWorkerId("worker-0")
        .setSourceTopic("flipad.uploads")
        .setSourcePartition(4)
        .setSourceOffset(81_234L)
        .setDecidedAt(T0.plusMillis(420))
        .build();
  }

  private static Alert alert() {
    return Alert.newBuilder()
        .setAlertId("a-1")
        .setUploadId("u-1")
        .setTenant("photos-eu")
        .setImageSha256(SHA256)
        .setModelId("dcgan-fashion")
        .setModelVersion(3)
        .setScore(0.0123)
        .setPValue(0.41)
        .setFnr(0.005)
        .setThreshold(0.05)
        .setVerdictId("v-1")
        .setRaisedAt(T0.plusMillis(421))
        .setKind(org.flipad.schema.AlertKind.FLOOD)
        // Every field is set so that every one is round-tripped; a real FLOOD alert leaves the
        // per-upload fields null.
        .setFlood(
            org.flipad.schema.FloodEpisode.newBuilder()
                .setWindowStart(T0)
                .setWindowMs(60_000L)
                .setCount(120L)
                .setBaselinePerWindow(3.5)
                .setBaselineWindows(60)
                .setMultiple(5.0)
                .setMinCount(20L)
                .build())
        .build();
  }

  private static AuditRecord auditRecord() {
    return AuditRecord.newBuilder()
        .setAuditId("audit-v-1")
        .setUploadId("u-1")
        .setTenant("photos-eu")
        .setImageSha256(SHA256)
        .setOutcome(AuditOutcome.VERDICT)
        .setVerdict(
            VerdictSummary.newBuilder()
                .setVerdictId("v-1")
                .setVerdict(Decision.UNDECIDED)
                .setAttributedModelId("dcgan-fashion")
                .setAttributedModelVersion(3)
                .setUndecidedReason(UndecidedReason.WORKER_ERROR)
                .setCached(false)
                .setDecidedAt(T0.plusMillis(420))
                .build())
        .setDeadLetter(
            DeadLetterSummary.newBuilder()
                .setReason(DeadLetterReason.TOO_MANY_PIXELS)
                .setStage(DeadLetterStage.DECODE)
                .setDetail("Image is 12000x9000 px (108 Mpx); limit is 89 Mpx.")
                .setSourceTopic("flipad.uploads")
                .setSourcePartition(4)
                .setSourceOffset(81_234L)
                .setFailedAt(T0.plusMillis(5))
                .setAttempt(1)
                .build())
        .setModels(List.of(modelAttribution()))
        .setRecordedAt(T0.plusMillis(422))
        .setServiceInstance("streams-app-0")
        .build();
  }

  private static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.BAD_SIGNATURE)
        .setStage(DeadLetterStage.CONTROL)
        .setDetail("Signature does not verify with key ops-2025.")
        .setUploadId("u-1")
        .setExceptionClass("java.security.SignatureException")
        .setSourceTopic("flipad.control")
        .setSourcePartition(0)
        .setSourceOffset(17L)
        .setOriginalKey(bytes("dcgan-fashion"))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 2, 4}))
        .setOriginalValueReference("https://media.example.org/u-1.png")
        .setFailedAt(T0)
        .setAttempt(3)
        .setServiceInstance("trainer-0")
        .setOriginalKeySize(13L)
        .setOriginalKeySha256(SHA256)
        .setOriginalKeyPrefix(bytes("dcgan"))
        .setOriginalValueSize(7L)
        .setOriginalValueSha256(SHA256)
        .setOriginalValuePrefix(ByteBuffer.wrap(new byte[] {0, 0, 0}))
        .build();
  }

  private static ControlCommand controlCommand() {
    return ControlCommand.newBuilder()
        .setCommandId("c-1")
        .setIssuer("ops@example.org")
        .setIssuedAt(T0)
        .setType(CommandType.RETRAIN)
        .setModelId("dcgan-fashion")
        .setVersion(2)
        .setBundleUri("s3://models/dcgan-fashion/detector-2.zip")
        .setBundleSha256(SHA256)
        .setGeneratorBundleUri("s3://models/dcgan-fashion/generator.zip")
        .setGeneratorBundleSha256(SHA256)
        .setNegativesDatasetUri("s3://data/negatives/fashion-real")
        .setNegativesDatasetSha256(SHA256)
        .setFeedbackSince(T0.minusSeconds(86_400))
        .setFeedbackUntil(T0)
        .setTrainingSamples(800)
        .setValidationSamples(200)
        .setEpochs(30)
        .setFnr(0.005)
        .setScoreThreshold(0.05)
        .setSeed(42L)
        .setNote("weekly retrain")
        .setSignature(ByteBuffer.wrap(new byte[64]))
        .setKeyId("ops-2025")
        .build();
  }

  private static ModelVersion modelVersion() {
    return ModelVersion.newBuilder()
        .setModelId("dcgan-fashion")
        .setVersion(3)
        .setState(ModelState.ACTIVE)
        .setBundleSha256(SHA256)
        .setBundleLocation("s3://models/dcgan-fashion/detector-3.zip")
        .setGeneratorBundleSha256(SHA256)
        .setGeneratorBundleLocation("file:///models/zoo/dcgan-fashion/")
        .setThresholds(
            List.of(
                FnrThreshold.newBuilder().setFnr(0.0).setThreshold(0.2).build(),
                FnrThreshold.newBuilder().setFnr(0.005).setThreshold(0.05).build()))
        .setSelectedFnr(0.005)
        .setScoreThresholdOverride(0.04)
        .setMetrics(
            ValidationMetrics.newBuilder()
                .setAuroc(0.97)
                .setAveragePrecision(0.96)
                .setAccuracy(0.93)
                .setValidationSamples(200)
                .setExtra(Map.of("tnr@fnr=0.005", 0.81))
                .build())
        .setCreatedAt(T0)
        .setCreatedByCommandId("c-1")
        .setPreviousVersion(2)
        .setUpdatedAt(T0.plusSeconds(60))
        .setUpdatedByCommandId("c-2")
        .build();
  }

  private static TrainingStatus trainingStatus() {
    return TrainingStatus.newBuilder()
        .setCommandId("c-1")
        .setModelId("dcgan-fashion")
        .setState(TrainingState.RUNNING)
        .setPercent(42.5)
        .setSecondsLeft(310L)
        .setMetrics(Map.of("loss", 0.31))
        .setReason("quality gate: AUROC 0.71 < 0.90")
        .setModelVersion(4)
        .setUpdatedAt(T0)
        .build();
  }

  private static Feedback feedback() {
    return Feedback.newBuilder()
        .setUploadId("u-1")
        .setVerdictId("v-1")
        .setLabel(FeedbackLabel.GENERATED_BY_MODEL)
        .setModelId("dcgan-fashion")
        .setReviewer("reviewer-9")
        .setReviewedAt(T0.plusSeconds(3600))
        .setNote("matches known campaign")
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecordBase> T roundTrip(T record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
    encoder.flush();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
    return new SpecificDatumReader<T>((Class<T>) record.getClass()).read(null, decoder);
  }

  private static List<String> nullFields(SpecificRecord record) {
    return record.getSchema().getFields().stream()
        .filter(field -> record.get(field.pos()) == null)
        .map(Schema.Field::name)
        .toList();
  }

  private static String name(SpecificRecord record) {
    return record.getSchema().getName();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
