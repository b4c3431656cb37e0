package org.flipad.streams.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.streams.control.ModelVersions;
import org.flipad.streams.control.TrainerRecords;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.topic.Topics;

/**
 * Seeds a {@link LocalStack}'s models without a control command: stores a detector bundle in the
 * model store and writes it to {@code flipad.models} as the next ACTIVE version of its model.
 */
final class ModelPublisher {

  private final ModelStore modelStore;
  private final ModelVersions versions;
  private final Map<String, Object> clientProperties;
  private final String modelsTopic;
  private final AvroSerde<ModelVersion> modelsSerde;

  /**
   * @param versions the folded {@code flipad.models}, which the next version number follows
   * @param clientProperties Kafka client settings for the stack's broker
   */
  ModelPublisher(
      ModelStore modelStore,
      ModelVersions versions,
      Map<String, Object> clientProperties,
      Topics topics,
      ControlSerdes controlSerdes) {
    this.modelStore = modelStore;
    this.versions = versions;
    this.clientProperties = clientProperties;
    this.modelsTopic = topics.models();
    this.modelsSerde = controlSerdes.models();
  }

  /**
   * Stores {@code bundle} and sends its next version, ACTIVE, to the models topic; returns the
   * record sent (without waiting for anyone to read it).
   *
   * @param generator the generator bundle folder the detector was built for, or null when unknown
   */
  ModelVersion publish(Path bundle, Path generator, double fnr) throws IOException {
    String sha = modelStore.put(bundle);
    ModelVersion record;
    try (Detector detector = DetectorBundles.read(bundle, sha)) {
      String modelId = detector.description().modelId();
      int version = versions.latestVersion(modelId) + 1;
      record =
          TrainerRecords.of(
              detector,
              modelId,
              version,
              ModelState.ACTIVE,
              sha,
              modelStore.location(sha),
              fnr,
              "bootstrap",
              null,
              Map.of(),
              Instant.now());
      if (generator != null) {
        record =
            TrainerRecords.withGeneratorLocation(
                record, generator.toAbsolutePath().normalize().toUri().toString());
      }
    }
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(
          new ProducerRecord<>(
              modelsTopic,
              record.getModelId() + "/" + record.getVersion(),
              modelsSerde.serialize(modelsTopic, record)));
    }
    return record;
  }
}
