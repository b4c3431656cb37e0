package org.flipad.streams.console;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.schema.Feedback;
import org.flipad.streams.serde.AvroSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes reviewers' {@link Feedback} to the feedback topic (key = upload id), with the control
 * plane's Feedback serde, and waits until Kafka has it: the page says "recorded" only when it is.
 * Each write is logged to the {@value #AUDIT_LOGGER} logger with the reviewer's id: the feedback
 * topic keeps reviews only for its retention, and the audit topic's schema has no place for them.
 */
final class FeedbackPublisher implements AutoCloseable {

  /** The logger that carries the audit trail of reviews. */
  static final String AUDIT_LOGGER = "flipad.audit.feedback";

  private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);
  private static final Duration ACK_WAIT = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AvroSerde<Feedback> serde;

  FeedbackPublisher(Map<String, Object> client, String topic, AvroSerde<Feedback> serde) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
    this.topic = topic;
    this.serde = serde;
  }

  /**
   * Writes {@code feedback} and waits for the broker's acknowledgement.
   *
   * @param action what the reviewer did (for the audit line)
   * @throws IllegalStateException when Kafka did not take it in time; nothing was recorded then
   */
  RecordMetadata publish(Feedback feedback, ReviewAction action) {
    byte[] value = serde.serialize(topic, feedback);
    try {
      RecordMetadata written =
          producer
              .send(new ProducerRecord<>(topic, feedback.getUploadId(), value))
              .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      AUDIT.info(
          "feedback reviewer={} action={} upload={} verdict={} label={} model={} at={}-{}@{}"
              + " reason=\"{}\"",
          feedback.getReviewer(),
          action,
          feedback.getUploadId(),
          feedback.getVerdictId(),
          feedback.getLabel(),
          feedback.getModelId(),
          written.topic(),
          written.partition(),
          written.offset(),
          feedback.getNote().replace("\"", "'").replaceAll("\\s+", " "));
      return written;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not take the feedback within " + ACK_WAIT.toSeconds() + " s (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing the feedback", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
