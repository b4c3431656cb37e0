package org.flipad.streams.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening service's Kafka Streams production exception handler: one output record that cannot
 * be written never stops the application. The record is logged, counted ({@link
 * ScreeningListener#outputDropped}, {@code flipad_outputs_dropped_total}) and dropped, and a dead
 * letter standing for it (reason PROCESSING_ERROR, stage PRODUCE, within the dead-letter limits) is
 * handed back to Kafka Streams, which writes it in the same transaction; then processing resumes.
 *
 * <ul>
 *   <li>Serialisation errors (including an output above {@link
 *       org.flipad.streams.topology.ScreeningSettings#maxOutputBytes()}, refused before the
 *       producer sees it) are dropped and dead-lettered.
 *   <li>Send errors are dropped and dead-lettered too, except retriable ones (timeouts), which are
 *       retried as Kafka's default handler does.
 *   <li>A dead letter that cannot be written is dropped and logged, never dead-lettered again.
 * </ul>
 *
 * <p>The dead letter carries the dropped output's key and value (the bytes that failed), the
 * coordinates of the input being processed (or, for an output of a punctuation, the output topic
 * and -1), and the upload id when the output is keyed by one. No audit record is written for it:
 * the upload's own terminal records are separate outputs, which may have been written.
 *
 * <p>Kafka Streams creates the handler by class name; its collaborators arrive through {@link
 * #configure} as a {@link Wiring} under {@link #WIRING_CONFIG} (see {@link ScreeningService}).
 */
public final class DeadLetteringProductionExceptionHandler implements ProductionExceptionHandler {

  /** The Streams configuration key under which the handler's {@link Wiring} is passed. */
  public static final String WIRING_CONFIG = "flipad.internal.production.handler.wiring";

  private static final Logger LOG =
      LoggerFactory.getLogger(DeadLetteringProductionExceptionHandler.class);

  /**
   * What the handler needs.
   *
   * @param serde the dead letters' serde
   * @param topics the topic names (the dead-letter topic, and which topics are keyed by upload id)
   * @param deadLetters the dead-letter limits
   * @param serviceInstance this instance's name in dead letters
   * @param listener told of every dropped output and dead letter
   * @param clock stamps the dead letters
   */
  public record Wiring(
      AvroSerde<DeadLetter> serde,
      Topics topics,
      BoundedDeadLetters deadLetters,
      String serviceInstance,
      ScreeningListener listener,
      InstantSource clock) {

    /** Requires every part. */
    public Wiring {
      Objects.requireNonNull(serde, "serde");
      Objects.requireNonNull(topics, "topics");
      Objects.requireNonNull(deadLetters, "deadLetters");
      Objects.requireNonNull(serviceInstance, "serviceInstance");
      Objects.requireNonNull(listener, "listener");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private Wiring wiring;

  /** Created by Kafka Streams; {@link #configure} supplies the collaborators. */
  public DeadLetteringProductionExceptionHandler() {}

  @Override
  public void configure(Map<String, ?> configs) {
    if (!(configs.get(WIRING_CONFIG) instanceof Wiring given)) {
      throw new ConfigException(
          WIRING_CONFIG
              + " is "
              + configs.get(WIRING_CONFIG)
              + "; this handler needs the Wiring object that ScreeningService puts there. Do not"
              + " configure it by class name alone.");
    }
    this.wiring = given;
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      // As Kafka's default handler: a timeout is retried (the task reprocesses), not dropped.
      return Response.retry();
    }
    return drop(context, record.topic(), record.key(), record.value(), exception);
  }

  @Override
  @SuppressWarnings("rawtypes") // the interface's signature
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    return drop(context, record.topic(), bytes(record.key()), bytes(record.value()), exception);
  }

  private Response drop(
      ErrorHandlerContext context, String topic, byte[] key, byte[] value, Exception exception) {
    String failure = exception.getClass().getSimpleName();
    wiring.listener().outputDropped(topic, failure);
    String deadLetterTopic = wiring.topics().deadLetters();
    if (topic.equals(deadLetterTopic)) {
      LOG.error(
          "Dropped a dead letter of {} value bytes that could not be written to {}: {}",
          length(value),
          topic,
          exception.toString());
      return Response.resume();
    }
    try {
      DeadLetter letter = deadLetter(context, topic, key, value, exception);
      byte[] bytes = wiring.serde().serialize(deadLetterTopic, letter);
      String id = letter.getUploadId();
      LOG.error(
          "Dropped an output to {} ({} key bytes, {} value bytes) of input {}-{}@{}: {}."
              + " Dead-lettered as PROCESSING_ERROR at stage PRODUCE; processing continues.",
          topic,
          length(key),
          length(value),
          context.topic(),
          context.partition(),
          context.offset(),
          exception.toString());
      wiring.listener().deadLetter(DeadLetterReason.PROCESSING_ERROR);
      return Response.resume(
          List.of(
              new ProducerRecord<>(
                  deadLetterTopic,
                  id == null ? null : id.getBytes(StandardCharsets.UTF_8),
                  bytes)));
    } catch (RuntimeException e) {
      // The output is lost either way; the application must go on, so this is logged only.
      LOG.error(
          "Dropped an output to {} of input {}-{}@{} ({}); its dead letter could not be built"
              + " either",
          topic,
          context.topic(),
          context.partition(),
          context.offset(),
          exception.toString(),
          e);
      return Response.resume();
    }
  }

  private DeadLetter deadLetter(
      ErrorHandlerContext context, String topic, byte[] key, byte[] value, Exception exception) {
    boolean fromInput = context.topic() != null;
    String detail =
        "Writing "
            + (value == null ? "a value" : "a value of " + value.length + " bytes")
            + " to topic "
            + topic
            + " failed: "
            + exception
            + ". The output was dropped and processing went on"
            + (fromInput ? "" : "; it was written by a punctuation, not for an input record")
            + ". Check the output size against max.request.size and the topic's"
            + " max.message.bytes.";
    DeadLetter.Builder draft =
        DeadLetter.newBuilder()
            .setReason(DeadLetterReason.PROCESSING_ERROR)
            .setStage(DeadLetterStage.PRODUCE)
            .setDetail(detail)
            .setUploadId(keyedByUploadId(topic) ? wiring.deadLetters().uploadIdOfKey(key) : null)
            .setExceptionClass(exception.getClass().getName())
            .setSourceTopic(fromInput ? context.topic() : topic)
            .setSourcePartition(context.partition())
            .setSourceOffset(context.offset())
            .setOriginalValueReference(null)
            .setFailedAt(Instant.ofEpochMilli(wiring.clock().millis()))
            .setAttempt(1)
            .setServiceInstance(wiring.serviceInstance());
    return wiring.deadLetters().build(draft, key, value);
  }

  private boolean keyedByUploadId(String topic) {
    Topics topics = wiring.topics();
    return Set.of(topics.requests(), topics.verdicts(), topics.alerts(), topics.audit())
        .contains(topic);
  }

  /** The bytes of a key or value that was to be serialised: a String's UTF-8, a byte[] as is. */
  private static byte[] bytes(Object keyOrValue) {
    if (keyOrValue instanceof byte[] raw) {
      return raw;
    }
    if (keyOrValue instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    // A record object that could not be serialised has no bytes; the detail names the failure.
    return null;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
