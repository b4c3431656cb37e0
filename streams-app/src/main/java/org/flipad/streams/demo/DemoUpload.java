package org.flipad.streams.demo;

import java.time.Instant;
import org.flipad.core.data.Image8;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.serde.AvroSerde;

/**
 * One upload event of the demo: an ImageUpload stamped and encoded when sent, or raw bytes (so
 * malformed Avro can be sent too).
 *
 * @param uploadId the upload id (also the record key)
 * @param source where it came from
 * @param detail e.g. the generator's name or the kind of malformation
 * @param expectedDeadLetter the reason a malformed upload must be dead-lettered with, else null
 * @param upload the event, or null when {@code raw} is sent instead
 * @param raw bytes sent as they are, or null
 * @param image the pixels, for the offline comparison; null for malformed uploads
 * @param originalId for a re-upload, the upload whose bytes it repeats; else null
 */
public record DemoUpload(
    String uploadId,
    UploadSource source,
    String detail,
    DeadLetterReason expectedDeadLetter,
    ImageUpload upload,
    byte[] raw,
    Image8 image,
    String originalId) {

  /** The record value, with the upload time set to {@code sentAt} (the platform's receive time). */
  public byte[] encode(AvroSerde<ImageUpload> serde, String topic, Instant sentAt) {
    if (upload == null) {
      return raw;
    }
    ImageUpload stamped = ImageUpload.newBuilder(upload).setUploadedAt(sentAt).build();
    return serde.serialize(topic, stamped);
  }

  /** Whether the watched model should attribute it (only its own samples). */
  public boolean fromTarget() {
    return source == UploadSource.TARGET
        || (source == UploadSource.REUPLOAD && detail.startsWith("target"));
  }
}
