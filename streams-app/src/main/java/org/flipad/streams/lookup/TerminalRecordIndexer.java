package org.flipad.streams.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.streams.topology.TimeIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files verdicts or dead letters (one instance per topic) in the lookup store.
 *
 * <ul>
 *   <li>Input: the verdict or dead-letter topic, key = upload id, value = the Avro record in the
 *       Confluent wire format; records without a key (a dead letter whose upload id could not be
 *       read) cannot be looked up and are skipped.
 *   <li>Stores: {@value LookupTopology#OUTCOMES_STORE} (upload id → {@link UploadOutcome}) and
 *       {@value LookupTopology#OUTCOMES_BY_TIME} (its {@link TimeIndex}), both changelogged.
 *   <li>Punctuation (wall clock): forgets outcomes recorded more than the retention ago.
 *   <li>Failures: a value that cannot be decoded is logged and skipped. The store only answers
 *       lookups; failing here would stop screening in the same Kafka Streams client.
 * </ul>
 */
final class TerminalRecordIndexer implements Processor<String, byte[], Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalRecordIndexer.class);

  /** Renders a wire-format value (topic, bytes) as JSON; throws when it cannot be decoded. */
  interface Renderer extends BiFunction<String, byte[], JsonNode> {}

  private final Renderer renderer;
  private final boolean verdicts;
  private final Duration retention;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, UploadOutcome> outcomes;
  private TimeIndex byTime;

  /**
   * @param renderer decodes and renders this topic's values
   * @param verdicts true for the verdict topic, false for the dead-letter topic
   * @param retention how long an outcome stays after its latest record
   */
  TerminalRecordIndexer(Renderer renderer, boolean verdicts, Duration retention) {
    this.renderer = renderer;
    this.verdicts = verdicts;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.outcomes = context.getStateStore(LookupTopology.OUTCOMES_STORE);
    this.byTime = new TimeIndex(context.getStateStore(LookupTopology.OUTCOMES_BY_TIME));
    // Both indexers of a task share the stores; one sweep is enough.
    if (verdicts) {
      context.schedule(
          LookupTopology.expiryInterval(retention), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    JsonNode rendered = render(record);
    if (rendered == null) {
      return;
    }
    String uploadId = record.key();
    long at = record.timestamp();
    UploadOutcome before = outcomes.get(uploadId);
    UploadOutcome after;
    if (before == null) {
      after =
          verdicts
              ? new UploadOutcome(uploadId, rendered, null, at)
              : new UploadOutcome(uploadId, null, rendered, at);
    } else {
      byTime.remove(before.recordedAtMillis(), uploadId);
      after = verdicts ? before.withVerdict(rendered, at) : before.withDeadLetter(rendered, at);
    }
    outcomes.put(uploadId, after);
    byTime.add(at, uploadId);
  }

  private JsonNode render(Record<String, byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
    try {
      return renderer.apply(topic, record.value());
    } catch (RuntimeException e) {
      // Deliberately skipped (see the class comment): the upload stays unknown to the lookup API.
      LOG.error(
          "Not indexing the record of upload {} from {}-{}@{} for lookups: {}",
          record.key(),
          topic,
          context.recordMetadata().map(RecordMetadata::partition).orElse(-1),
          context.recordMetadata().map(RecordMetadata::offset).orElse(-1L),
          e.toString());
      return null;
    }
  }

  private void expire(long now) {
    long cutoff = now - retention.toMillis();
    for (String uploadId : byTime.takeDue(cutoff)) {
      UploadOutcome outcome = outcomes.get(uploadId);
      // A newer record re-filed the id under a later time; that entry expires on its own.
      if (outcome != null && outcome.recordedAtMillis() <= cutoff) {
        outcomes.delete(uploadId);
      }
    }
  }
}
