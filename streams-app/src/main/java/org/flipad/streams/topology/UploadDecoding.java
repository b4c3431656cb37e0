package org.flipad.streams.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.serde.SerdeException;

/**
 * Reads an upload event's value in the topology rather than in a deserializer, so that bytes that
 * are not an ImageUpload become dead letters inside the exactly-once transaction. Used by the
 * re-keying step and again by screening, which gets the same bytes.
 */
final class UploadDecoding {

  /** Either the upload, or why the value is not one. */
  record Decoded(ImageUpload upload, Rejection rejection) {}

  private UploadDecoding() {}

  /** Decodes {@code record}'s value (wire format, or the {@code __value_schema_id} header). */
  static Decoded decode(
      AvroSerde<ImageUpload> uploads, Record<byte[], byte[]> record, String topic) {
    ImageUpload upload;
    try {
      Header schemaId = record.headers().lastHeader("__value_schema_id");
      upload =
          uploads.deserialize(topic, schemaId == null ? null : schemaId.value(), record.value());
    } catch (SerdeException e) {
      return new Decoded(
          null,
          new Rejection(
              e.failure().deadLetterReason(),
              DeadLetterStage.DESERIALIZE,
              e.getMessage(),
              e.getClass().getName()));
    }
    if (upload == null) {
      return new Decoded(
          null,
          Rejection.of(
              DeadLetterReason.INVALID_UPLOAD,
              DeadLetterStage.DESERIALIZE,
              "The upload value is null (a tombstone); producers must send an ImageUpload."));
    }
    return new Decoded(upload, null);
  }
}
