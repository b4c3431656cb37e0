package org.flipad.streams.faults;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningSettings;

/**
 * The poison records of {@link FaultScenario#POISON}: values the service must dead-letter, each
 * exactly once, while the good uploads around them carry on.
 */
final class PoisonRecords {

  /** A near-limit record: just under the producer's 1 MiB request limit, over the inline cap. */
  private static final int NEAR_ONE_MIB = 1_040_000;

  private PoisonRecords() {}

  /**
   * A poison record: the upload id it carries, or for bytes that are not an upload the record key
   * it is sent with (the dead letter is keyed by it); and its value's bytes.
   */
  record Poison(String key, byte[] value) {}

  /**
   * {@code count} poison records, every one with its own id (a dead-lettered id is not remembered,
   * so a repeat would be dead-lettered again and counted twice): each kind of {@link
   * DemoUploads#malformed}, an upload id declaring 2^40 bytes, and a near-1 MiB upload, in turn.
   */
  static List<Poison> poison(
      DemoUploads factory, ServiceSerdes serdes, Topics topics, Image8 valid, int count) {
    List<Poison> poison = new ArrayList<>();
    while (poison.size() < count) {
      for (DemoUpload bad :
          factory.malformed(valid, ScreeningSettings.defaults().maxInlineBytes())) {
        poison.add(
            new Poison(
                bad.uploadId(), bad.encode(serdes.uploads(), topics.uploads(), Instant.now())));
      }
      List<DemoUpload> two = factory.images(List.of(valid, valid), Map.of(), List.of(), 1);
      byte[] framed = two.get(0).encode(serdes.uploads(), topics.uploads(), Instant.now());
      // The registered schema's header (magic byte and id), then an upload id declaring 2^40 bytes.
      ByteArrayOutputStream declared = new ByteArrayOutputStream();
      declared.write(framed, 0, 5);
      zigZagVarint(declared, 1L << 40);
      poison.add(new Poison(two.get(0).uploadId(), declared.toByteArray()));
      ImageUpload near =
          ImageUpload.newBuilder(two.get(1).upload())
              .setImageBytes(ByteBuffer.wrap(new byte[NEAR_ONE_MIB]))
              .setSizeBytes((long) NEAR_ONE_MIB)
              .build();
      poison.add(
          new Poison(two.get(1).uploadId(), serdes.uploads().serialize(topics.uploads(), near)));
    }
    return poison.subList(0, count);
  }

  /** Avro's long encoding: zig-zag, then 7 bits per byte, low first. */
  private static void zigZagVarint(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }
}
