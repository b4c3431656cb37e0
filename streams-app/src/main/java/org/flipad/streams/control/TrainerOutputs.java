package org.flipad.streams.control;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.deadletter.BoundedDeadLetters;
import org.flipad.streams.deadletter.DeadLetterLimits;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;

/**
 * What the trainer writes: job statuses to {@code flipad.training.status} (its ledger), dead
 * letters of refused commands to {@code flipad.dlq}, and model versions to {@code flipad.models}.
 * Every write is flushed before the call returns, so a status is on the broker before the next
 * command is read. Thread-safe (the consumer thread and the job thread both report).
 */
final class TrainerOutputs {

  /** Dead letters of control records keep at most the default budget of the original bytes. */
  private static final BoundedDeadLetters DEAD_LETTERS =
      new BoundedDeadLetters(DeadLetterLimits.defaults());

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;
  private final ControlSerdes serdes;
  private final ServiceSerdes serviceSerdes;
  private final InstantSource clock;

  TrainerOutputs(
      KafkaProducer<String, byte[]> producer,
      Topics topics,
      ControlSerdes serdes,
      ServiceSerdes serviceSerdes,
      InstantSource clock) {
    this.producer = producer;
    this.topics = topics;
    this.serdes = serdes;
    this.serviceSerdes = serviceSerdes;
    this.clock = clock;
  }

  /** An idempotent producer's settings over {@code client}'s connection settings. */
  static Map<String, Object> producerProperties(Map<String, Object> client) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /** Writes {@code writes} to the models topic, keyed {@code modelId/version}. */
  void versions(List<ModelVersion> writes) {
    for (ModelVersion v : writes) {
      producer.send(
          new ProducerRecord<>(
              topics.models(),
              v.getModelId() + "/" + v.getVersion(),
              serdes.models().serialize(topics.models(), v)));
    }
    producer.flush();
  }

  /** Waits until every write so far is on the broker. */
  void flush() {
    producer.flush();
  }

  void status(
      String commandId,
      String modelId,
      TrainingState state,
      Double percent,
      String reason,
      Integer version) {
    status(commandId, modelId, state, percent, reason, version, null);
  }

  void status(
      String commandId,
      String modelId,
      TrainingState state,
      Double percent,
      String reason,
      Integer version,
      Long secondsLeft) {
    status(commandId, modelId, state, percent, reason, version, secondsLeft, Map.of());
  }

  void status(
      String commandId,
      String modelId,
      TrainingState state,
      Double percent,
      String reason,
      Integer version,
      Long secondsLeft,
      Map<String, Double> metrics) {
    TrainingStatus status =
        TrainingStatus.newBuilder()
            .setCommandId(commandId)
            .setModelId(modelId == null ? "" : modelId)
            .setState(state)
            .setPercent(percent)
            .setSecondsLeft(secondsLeft)
            .setMetrics(Map.copyOf(metrics))
            .setReason(reason)
            .setModelVersion(version)
            .setUpdatedAt(clock.instant())
            .build();
    producer.send(
        new ProducerRecord<>(
            topics.trainingStatus(),
            commandId,
            serdes.status().serialize(topics.trainingStatus(), status)));
    producer.flush();
  }

  void deadLetter(
      ConsumerRecord<String, byte[]> source, DeadLetterReason reason, String detail, String key) {
    DeadLetter.Builder draft =
        DeadLetter.newBuilder()
            .setReason(reason)
            .setStage(DeadLetterStage.CONTROL)
            .setDetail(detail)
            .setUploadId(null)
            .setExceptionClass(null)
            .setSourceTopic(source.topic())
            .setSourcePartition(source.partition())
            .setSourceOffset(source.offset())
            .setOriginalValueReference(null)
            .setFailedAt(clock.instant())
            .setAttempt(1)
            .setServiceInstance("flipad-trainer");
    DeadLetter letter =
        DEAD_LETTERS.build(
            draft,
            source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8),
            source.value());
    producer.send(
        new ProducerRecord<>(
            topics.deadLetters(),
            key,
            serviceSerdes.deadLetters().serialize(topics.deadLetters(), letter)));
    producer.flush();
  }
}
