package org.flipad.streams.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.Feedback;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.registry.SchemaRegistryClient;
import org.flipad.streams.topic.Topics;

/**
 * The value serdes of the control plane, through one registry client.
 *
 * @param commands ControlCommand
 * @param models ModelVersion
 * @param status TrainingStatus
 * @param feedback Feedback
 */
public record ControlSerdes(
    AvroSerde<ControlCommand> commands,
    AvroSerde<ModelVersion> models,
    AvroSerde<TrainingStatus> status,
    AvroSerde<Feedback> feedback) {

  /** Value serdes resolving schemas through {@code registry}. */
  public static ControlSerdes create(SchemaRegistryClient registry, AvroSerdeSettings settings) {
    return new ControlSerdes(
        new AvroSerde<>(registry, ControlCommand.class, settings),
        new AvroSerde<>(registry, ModelVersion.class, settings),
        new AvroSerde<>(registry, TrainingStatus.class, settings),
        new AvroSerde<>(registry, Feedback.class, settings));
  }

  /** Registers every value schema under its topic's subject (as CI does); idempotent. */
  public Map<String, Integer> registerAll(SchemaRegistryClient registry, Topics topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    ids.put(
        commands.subject(topics.control()),
        registry.register(commands.subject(topics.control()), commands.writerSchema()));
    ids.put(
        models.subject(topics.models()),
        registry.register(models.subject(topics.models()), models.writerSchema()));
    ids.put(
        status.subject(topics.trainingStatus()),
        registry.register(status.subject(topics.trainingStatus()), status.writerSchema()));
    ids.put(
        feedback.subject(topics.feedback()),
        registry.register(feedback.subject(topics.feedback()), feedback.writerSchema()));
    return ids;
  }
}
