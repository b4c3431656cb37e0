package org.flipad.streams.lookup;

import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.flipad.streams.serde.AvroJson;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.JsonStateSerde;

/**
 * The stores behind the lookup API, added to the screening service's topology as their own
 * sub-topologies:
 *
 * <pre>
 *   verdicts ─────► index-verdicts ─────┐
 *   dead letters ─► index-dead-letters ─┴─► upload-outcomes (+ upload-outcomes-by-time)
 *   images ───────► archive-images ────────► archived-images   (read-only; the topic is its changelog)
 * </pre>
 *
 * <p>{@value #OUTCOMES_STORE} is keyed by upload id and partitioned as the verdict and dead-letter
 * topics are, so those two topics must have the same partition count (the service creates them so).
 * {@value #IMAGES_STORE} is keyed by sha256 and partitioned as the image topic; its source topic is
 * its changelog (compacted, 30 days), so it costs no second copy in Kafka.
 *
 * <p>Added after the screening topology, these sub-topologies take the next ids (checked with
 * {@code Topology.describe()}: the screening one stays 0, the global cache 1, these 2 and 3), so an
 * upgraded service keeps its existing task ids and local state.
 */
public final class LookupTopology {

  /** Upload id → {@link UploadOutcome}. */
  public static final String OUTCOMES_STORE = "upload-outcomes";

  /** Sha256 of an encoded image → its bytes. */
  public static final String IMAGES_STORE = "archived-images";

  static final String OUTCOMES_BY_TIME = "upload-outcomes-by-time";
  static final String VERDICTS_SOURCE = "lookup-verdicts-source";
  static final String DEAD_LETTERS_SOURCE = "lookup-dead-letters-source";
  static final String INDEX_VERDICTS = "index-verdicts";
  static final String INDEX_DEAD_LETTERS = "index-dead-letters";
  static final String IMAGES_SOURCE = "lookup-images-source";
  static final String ARCHIVE_IMAGES = "archive-images";

  private LookupTopology() {}

  /**
   * Adds the lookup stores and their feeding processors to {@code topology}.
   *
   * @param topics topic names (verdicts, dead letters, images are read)
   * @param serdes value serdes that decode verdicts and dead letters
   * @param retention how long an upload's outcome stays queryable after its latest record
   */
  public static void addTo(
      Topology topology, Topics topics, ServiceSerdes serdes, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "The lookup retention must be positive, got " + retention + "; e.g. PT168H (7 days)");
    }
    StringDeserializer keys = new StringDeserializer();
    ByteArrayDeserializer values = new ByteArrayDeserializer();
    topology.addSource(VERDICTS_SOURCE, keys, values, topics.verdicts());
    topology.addSource(DEAD_LETTERS_SOURCE, keys, values, topics.deadLetters());
    topology.addProcessor(
        INDEX_VERDICTS,
        () ->
            new TerminalRecordIndexer(
                (topic, bytes) -> AvroJson.of(serdes.verdicts().deserialize(topic, bytes)),
                true,
                retention),
        VERDICTS_SOURCE);
    topology.addProcessor(
        INDEX_DEAD_LETTERS,
        () ->
            new TerminalRecordIndexer(
                (topic, bytes) -> AvroJson.of(serdes.deadLetters().deserialize(topic, bytes)),
                false,
                retention),
        DEAD_LETTERS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(OUTCOMES_STORE),
            Serdes.String(),
            new JsonStateSerde<>(UploadOutcome.class)),
        INDEX_VERDICTS,
        INDEX_DEAD_LETTERS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(OUTCOMES_BY_TIME), Serdes.String(), Serdes.String()),
        INDEX_VERDICTS,
        INDEX_DEAD_LETTERS);
    topology.addReadOnlyStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(IMAGES_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        IMAGES_SOURCE,
        keys,
        values,
        topics.images(),
        ARCHIVE_IMAGES,
        ArchiveImage::new);
  }

  /**
   * How often expired outcomes are swept: a tenth of the retention, at least 1 s, at most 1 min.
   */
  static Duration expiryInterval(Duration retention) {
    long millis = Math.max(1_000, Math.min(60_000, retention.toMillis() / 10));
    return Duration.ofMillis(millis);
  }

  /** Keeps the latest bytes per sha256; a tombstone removes them, as compaction would. */
  private static final class ArchiveImage implements Processor<String, byte[], Void, Void> {
    private KeyValueStore<String, byte[]> images;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      images = context.getStateStore(IMAGES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        images.delete(record.key());
      } else {
        images.put(record.key(), record.value());
      }
    }
  }
}
