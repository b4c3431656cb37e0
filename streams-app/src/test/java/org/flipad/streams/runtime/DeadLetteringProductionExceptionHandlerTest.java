package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.flipad.core.bundle.Sha256;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.deadletter.DeadLetterLimits;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.SerdeException;
import org.flipad.streams.serde.SerdeFailure;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DeadLetteringProductionExceptionHandler} as Kafka Streams calls it: an output that cannot
 * be written is dropped, counted and dead-lettered within the limits, and processing resumes.
 */
@Timeout(30)
class DeadLetteringProductionExceptionHandlerTest {

  private static final Topics TOPICS = Topics.defaults();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private EmbeddedSchemaRegistry registry;
  private AvroSerde<DeadLetter> serde;
  private ServiceMetrics metrics;
  private DeadLetteringProductionExceptionHandler handler;

  /** The input being processed when the output failed, as Kafka Streams describes it. */
  private record Context(String topic, int partition, long offset) implements ErrorHandlerContext {
    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return "screen-uploads";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, partition);
    }

    @Override
    public long timestamp() {
      return NOW.toEpochMilli();
    }

    @Override
    public byte[] sourceRawKey() {
      return null;
    }

    @Override
    public byte[] sourceRawValue() {
      return null;
    }
  }

  private static final Context INPUT = new Context("flipad.uploads", 1, 77L);

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    serde =
        new AvroSerde<>(
            HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri())),
            DeadLetter.class,
            AvroSerdeSettings.defaults().withAutoRegister(true));
    metrics = new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    handler = new DeadLetteringProductionExceptionHandler();
    handler.configure(
        Map.of(
            DeadLetteringProductionExceptionHandler.WIRING_CONFIG,
            new DeadLetteringProductionExceptionHandler.Wiring(
                serde,
                TOPICS,
                new BoundedDeadLetters(DeadLetterLimits.defaults()),
                "flipad-streams-0",
                MetricsListeners.screening(metrics, ScreeningListener.NONE),
                InstantSource.fixed(NOW))));
  }

  @AfterEach
  void stop() {
    metrics.close();
    registry.close();
  }

  @Test
  void shouldResumeAndDeadLetterARecordTooLargeToSendWithinTheLimits() throws Exception {
    byte[] key = "upload-9".getBytes(StandardCharsets.UTF_8);
    byte[] value = new byte[2 << 20];
    new Random(9).nextBytes(value);

    Response response =
        handler.handleError(
            INPUT,
            new ProducerRecord<>(TOPICS.verdicts(), key, value),
            new RecordTooLargeException("The message is 2097220 bytes when serialized"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
    assertThat(dlq.topic()).isEqualTo(TOPICS.deadLetters());
    assertThat(dlq.key()).isEqualTo(key);
    assertThat(dlq.value().length).isLessThan(100 << 10);
    DeadLetter letter = serde.deserialize(TOPICS.deadLetters(), dlq.value());
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    assertThat(letter.getStage()).isEqualTo(DeadLetterStage.PRODUCE);
    assertThat(letter.getUploadId()).isEqualTo("upload-9");
    assertThat(letter.getSourceTopic()).isEqualTo("flipad.uploads");
    assertThat(letter.getSourcePartition()).isEqualTo(1);
    assertThat(letter.getSourceOffset()).isEqualTo(77L);
    assertThat(letter.getOriginalValueSize()).isEqualTo(2L << 20);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(Sha256.ofBytes(value));
    assertThat(letter.getExceptionClass()).isEqualTo(RecordTooLargeException.class.getName());
    assertThat(letter.getDetail()).contains(TOPICS.verdicts()).contains("2097152 bytes");
    assertThat(letter.getFailedAt()).isEqualTo(NOW);
    assertThat(metrics.scrape())
        .contains(
            "flipad_outputs_dropped_total{exception=\"RecordTooLargeException\",topic=\""
                + TOPICS.verdicts()
                + "\"} 1.0")
        .contains("flipad_dead_letters_total{reason=\"PROCESSING_ERROR\"} 1.0");
  }

  @Test
  void shouldResumeAndDeadLetterAnOutputRefusedBySerialisation() {
    SerdeException tooLarge =
        new SerdeException(SerdeFailure.RECORD_TOO_LARGE, "A value serialises to 2 MiB");
    byte[] image = new byte[300_000];

    Response response =
        handler.handleSerializationError(
            INPUT,
            new ProducerRecord<>(TOPICS.images(), "ab".repeat(32), image),
            tooLarge,
            SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    DeadLetter letter =
        serde.deserialize(TOPICS.deadLetters(), response.deadLetterQueueRecords().get(0).value());
    // The archive is keyed by the image's digest, not by an upload id.
    assertThat(letter.getUploadId()).isNull();
    assertThat(response.deadLetterQueueRecords().get(0).key()).isNull();
    assertThat(letter.getOriginalValueSize()).isEqualTo(300_000L);
    assertThat(letter.getOriginalValuePrefix().remaining()).isEqualTo((64 << 10) - 64);
    assertThat(letter.getDetail()).contains("RECORD_TOO_LARGE");
  }

  @Test
  void shouldDeadLetterARecordObjectThatCannotBeSerialisedWithoutItsBytes() {
    Response response =
        handler.handleSerializationError(
            INPUT,
            new ProducerRecord<>(TOPICS.verdicts(), "upload-3", new AttributionVerdict()),
            new SerdeException(SerdeFailure.UNENCODABLE_RECORD, "verdictId is null"),
            SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    DeadLetter letter =
        serde.deserialize(TOPICS.deadLetters(), response.deadLetterQueueRecords().get(0).value());
    assertThat(letter.getUploadId()).isEqualTo("upload-3");
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getOriginalValueSize()).isNull();
  }

  @Test
  void shouldNotDeadLetterADeadLetterThatCannotBeWritten() {
    Response response =
        handler.handleError(
            INPUT,
            new ProducerRecord<>(TOPICS.deadLetters(), null, new byte[10]),
            new RecordTooLargeException("too large"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldRetryATimeoutAsKafkasDefaultHandlerDoes() {
    Response response =
        handler.handleError(
            INPUT,
            new ProducerRecord<>(TOPICS.verdicts(), null, new byte[10]),
            new TimeoutException("Expiring 1 record(s)"));

    assertThat(response.result()).isEqualTo(Result.RETRY);
  }

  @Test
  void shouldRefuseToRunWithoutItsWiring() {
    DeadLetteringProductionExceptionHandler bare = new DeadLetteringProductionExceptionHandler();

    assertThatThrownBy(() -> bare.configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(DeadLetteringProductionExceptionHandler.WIRING_CONFIG);
  }
}
