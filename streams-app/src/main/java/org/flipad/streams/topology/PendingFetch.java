package org.flipad.streams.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An upload by reference whose image is being fetched, as stored in the {@code pending-fetches}
 * store (JSON, see {@link JsonStateSerde}). It keeps the producer's record so that, once the fetch
 * ends, the upload is screened or dead-lettered exactly as if its image had come inline; and so
 * that a task restarted after a crash fetches again what its predecessor had not finished.
 *
 * @param uploadId the upload
 * @param sourceTopic the producer's topic
 * @param sourcePartition its partition
 * @param sourceOffset its offset (also tells a fetch of this record from one of an older record)
 * @param key the producer's key, or null
 * @param value the producer's Avro value (small: the image is not in it)
 * @param timestamp the record's timestamp
 * @param valueSchemaId the record's {@code __value_schema_id} header, when its value is written
 *     without the wire-format prefix, else null
 */
record PendingFetch(
    String uploadId,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    byte[] key,
    byte[] value,
    long timestamp,
    byte[] valueSchemaId) {

  /** The header that names a prefix-less value's schema. */
  static final String VALUE_SCHEMA_ID = "__value_schema_id";

  /** Files {@code record}, read from {@code source}, as being fetched. */
  static PendingFetch of(String uploadId, SourceCoordinates source, Record<byte[], byte[]> record) {
    Header schemaId = record.headers().lastHeader(VALUE_SCHEMA_ID);
    return new PendingFetch(
        uploadId,
        source.topic(),
        source.partition(),
        source.offset(),
        record.key(),
        record.value(),
        record.timestamp(),
        schemaId == null ? null : schemaId.value());
  }

  SourceCoordinates source() {
    return new SourceCoordinates(sourceTopic, sourcePartition, sourceOffset);
  }

  /** The producer's record again, as the upload processor first saw it. */
  Record<byte[], byte[]> record() {
    Record<byte[], byte[]> record = new Record<>(key, value, timestamp);
    if (valueSchemaId != null) {
      record.headers().add(VALUE_SCHEMA_ID, valueSchemaId);
    }
    return record;
  }
}
