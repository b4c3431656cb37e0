package org.flipad.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.serde.AvroSerde;

/**
 * Re-keys upload events by their upload id, the first and stateless step of screening: producers
 * partition by whatever they like (librdkafka's and kafkajs' default partitioners are not Java's,
 * keys may be null or not the id), while the pending uploads, the duplicate check and the workers'
 * results all meet per upload id in one task. Each event is decoded here only to read its id; the
 * original bytes go on unchanged to the re-keyed topic, with where they came from in headers
 * ({@link UploadOrigin}).
 *
 * <p>An event whose id cannot be read (bad Avro, a tombstone, a blank or over-long id) cannot be
 * routed and ends here, in a dead letter that names the producer's record.
 */
final class UploadKeying implements Processor<byte[], byte[], String, Object> {

  private final AvroSerde<ImageUpload> uploads;
  private final ScreeningSettings settings;
  private final ScreeningListener listener;
  private final Outcomes outcomes;
  private ProcessorContext<String, Object> context;
  private TerminalEmitter emit;

  UploadKeying(
      AvroSerde<ImageUpload> uploads, ScreeningSettings settings, ScreeningListener listener) {
    this.uploads = uploads;
    this.settings = settings;
    this.listener = listener;
    this.outcomes = new Outcomes(settings);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.emit = new TerminalEmitter(context, outcomes, listener, null, null);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    listener.uploadReceived();
    long now = context.currentSystemTimeMs();
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    SourceCoordinates source =
        new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset());
    UploadDecoding.Decoded decoded = UploadDecoding.decode(uploads, record, source.topic());
    if (decoded.rejection() != null) {
      emit.deadLetterUnreadable(decoded.rejection(), source, record, now);
      return;
    }
    ImageUpload upload = decoded.upload();
    try {
      UploadIntake.requireUploadId(upload, settings.deadLetterLimits().maxIdChars());
    } catch (ScreeningException e) {
      emit.deadLetter(e.rejection(), null, source, record.key(), record.value(), now);
      return;
    }
    Record<String, Object> keyed =
        new Record<>(
            upload.getUploadId(), (Object) record.value(), record.timestamp(), record.headers());
    UploadOrigin.write(keyed.headers(), source, record.key());
    context.forward(keyed, ScreeningTopology.UPLOADS_BY_ID_SINK);
  }
}
