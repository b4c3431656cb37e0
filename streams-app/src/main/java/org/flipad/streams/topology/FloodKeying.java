package org.flipad.streams.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.SerdeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the flood watch: reads the alerts the topology wrote (keyed by upload id) and re-keys each
 * attribution by model and tenant through the internal attributions topic, so that one task counts
 * every attribution of a (model, tenant). FLOOD alerts themselves are not counted. The alerts topic
 * is the topology's own output; a record it cannot read is skipped with a warning, never fatal.
 */
final class FloodKeying implements Processor<byte[], byte[], String, FloodWatch.Attribution> {

  private static final Logger LOG = LoggerFactory.getLogger(FloodKeying.class);

  private final AvroSerde<Alert> alerts;
  private ProcessorContext<String, FloodWatch.Attribution> context;

  FloodKeying(AvroSerde<Alert> alerts) {
    this.alerts = alerts;
  }

  @Override
  public void init(ProcessorContext<String, FloodWatch.Attribution> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    Alert alert;
    try {
      RecordMetadata metadata = context.recordMetadata().orElseThrow();
      Header schemaId = record.headers().lastHeader("__value_schema_id");
      alert =
          alerts.deserialize(
              metadata.topic(), schemaId == null ? null : schemaId.value(), record.value());
    } catch (SerdeException e) {
      LOG.warn(
          "Skipping an unreadable record of the alerts topic for the flood watch: {}",
          e.toString());
      return;
    }
    if (alert == null || alert.getKind() != AlertKind.ATTRIBUTION) {
      return;
    }
    FloodWatch.Attribution attribution =
        new FloodWatch.Attribution(
            alert.getModelId(),
            alert.getModelVersion(),
            alert.getTenant(),
            alert.getRaisedAt().toEpochMilli());
    context.forward(
        new Record<>(attribution.watchKey(), attribution, attribution.raisedAtMillis()));
  }
}
