package org.flipad.streams.demo;

import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.serde.AvroSerde;

/**
 * Builds the demo's stream of uploads: samples of the target generator, of other generators and
 * real photos, in a seeded random order, followed by one upload of every bad-input kind the service
 * must dead-letter, and re-uploads of earlier images that the decision cache should answer.
 */
public final class DemoUploads {

  private final AvroSerde<ImageUpload> serde;
  private final String topic;
  private final InstantSource clock;
  private int next;

  /**
   * @param serde encodes the well-formed uploads (Confluent wire format)
   * @param topic the upload topic, for the subject name
   */
  public DemoUploads(AvroSerde<ImageUpload> serde, String topic, InstantSource clock) {
    this.serde = serde;
    this.topic = topic;
    this.clock = clock;
  }

  /**
   * The uploads of well-formed images, shuffled with {@code seed}.
   *
   * @param target samples of the watched generator
   * @param others samples of other generators, by generator name
   * @param real real photos
   */
  public List<DemoUpload> images(
      List<Image8> target, Map<String, List<Image8>> others, List<Image8> real, long seed) {
    List<DemoUpload> uploads = new ArrayList<>();
    target.forEach(image -> uploads.add(image(UploadSource.TARGET, "target", image, null)));
    others.forEach(
        (name, images) ->
            images.forEach(
                image -> uploads.add(image(UploadSource.OTHER_GENERATOR, name, image, null))));
    real.forEach(image -> uploads.add(image(UploadSource.REAL, "fashion-mnist", image, null)));
    Collections.shuffle(uploads, new Random(seed));
    return uploads;
  }

  /** Re-uploads (new ids, same bytes) of {@code count} of {@code earlier}, spread over them. */
  public List<DemoUpload> reuploads(List<DemoUpload> earlier, int count) {
    List<DemoUpload> again = new ArrayList<>();
    for (int i = 0; i < count && !earlier.isEmpty(); i++) {
      DemoUpload original = earlier.get((int) ((long) i * earlier.size() / count));
      String truth = original.fromTarget() ? "target" : "not-target";
      again.add(
          image(
              UploadSource.REUPLOAD,
              truth + " of " + original.uploadId(),
              original.image(),
              original.uploadId()));
    }
    return again;
  }

  /**
   * One upload of every bad-input kind, with the dead-letter reason each must get.
   *
   * @param valid a well-formed image of the watched model's size, to corrupt
   * @param maxInlineBytes the service's inline cap, to exceed
   */
  public List<DemoUpload> malformed(Image8 valid, long maxInlineBytes) {
    byte[] png = PngWriter.encode(valid);
    List<DemoUpload> bad = new ArrayList<>();
    bad.add(raw("not Avro at all", DeadLetterReason.UNDECODABLE_AVRO, new byte[] {9, 9, 9, 9, 9}));
    bad.add(
        raw(
            "unknown schema id",
            DeadLetterReason.UNKNOWN_SCHEMA_ID,
            new byte[] {0, 0x7f, 0, 0, 1, 2, 3}));
    byte[] framed = serde.serialize(topic, upload(id(), png).build());
    bad.add(
        raw(
            "Avro body cut short",
            DeadLetterReason.UNDECODABLE_AVRO,
            java.util.Arrays.copyOf(framed, 9)));
    bad.add(
        encoded(
            "too many bytes inline",
            DeadLetterReason.TOO_MANY_BYTES,
            upload(id(), new byte[(int) maxInlineBytes + 1])));
    bad.add(
        encoded(
            "decompression bomb 50000×50000",
            DeadLetterReason.TOO_MANY_PIXELS,
            upload(id(), MalformedImages.pngHeaderOnly(50_000, 50_000))));
    bad.add(
        encoded("GIF", DeadLetterReason.UNSUPPORTED_IMAGE, upload(id(), MalformedImages.gif())));
    bad.add(
        encoded(
            "truncated PNG",
            DeadLetterReason.CORRUPT_IMAGE,
            upload(id(), MalformedImages.truncated(png))));
    Image8 wrongSize = new Image8(1, 40, 40, new byte[1600]);
    bad.add(
        encoded(
            "40×40 image",
            DeadLetterReason.SIZE_NOT_ACCEPTED,
            upload(id(), PngWriter.encode(wrongSize))));
    String id = id();
    bad.add(
        encoded(
            "reference outside the allow-list",
            DeadLetterReason.REFERENCE_NOT_ALLOWED,
            upload(id, null)
                .setImageUri("http://169.254.169.254/latest/meta-data")
                .setSha256("0".repeat(64))));
    bad.add(
        encoded(
            "declared sha256 differs",
            DeadLetterReason.DIGEST_MISMATCH,
            upload(id(), png).setSha256("f".repeat(64))));
    bad.add(encoded("no tenant", DeadLetterReason.INVALID_UPLOAD, upload(id(), png).setTenant("")));
    return bad;
  }

  private DemoUpload image(UploadSource source, String detail, Image8 image, String originalId) {
    String id = id();
    return new DemoUpload(
        id,
        source,
        detail,
        null,
        upload(id, PngWriter.encode(image)).build(),
        null,
        image,
        originalId);
  }

  private DemoUpload encoded(String detail, DeadLetterReason reason, ImageUpload.Builder upload) {
    ImageUpload built = upload.build();
    return new DemoUpload(
        built.getUploadId(), UploadSource.MALFORMED, detail, reason, built, null, null, null);
  }

  private DemoUpload raw(String detail, DeadLetterReason reason, byte[] value) {
    return new DemoUpload(id(), UploadSource.MALFORMED, detail, reason, null, value, null, null);
  }

  private ImageUpload.Builder upload(String id, byte[] png) {
    return ImageUpload.newBuilder()
        .setUploadId(id)
        .setTenant("demo-platform")
        .setSource("flipad demo")
        .setUploader("demo-user-" + (next % 17))
        .setUploadedAt(clock.instant())
        .setContentType("image/png")
        .setImageBytes(png == null ? null : ByteBuffer.wrap(png))
        .setImageUri(null)
        .setSha256(null)
        .setSizeBytes(png == null ? null : (long) png.length)
        .setModelIds(null)
        .setMetadata(Map.of());
  }

  private String id() {
    return String.format("upload-%06d", next++);
  }
}
