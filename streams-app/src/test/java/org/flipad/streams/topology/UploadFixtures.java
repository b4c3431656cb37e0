package org.flipad.streams.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.schema.ImageUpload;
import org.flipad.streams.demo.MalformedImages;

/** Uploads and image bytes for tests, good and bad, made in memory. */
final class UploadFixtures {

  private UploadFixtures() {}

  /** A gray noise image of the given size as PNG. */
  static byte[] png(int width, int height, long seed) {
    byte[] pixels = new byte[width * height];
    new Random(seed).nextBytes(pixels);
    return PngWriter.encode(new Image8(1, height, width, pixels));
  }

  /** A PNG whose header claims {@code width × height} pixels but carries no image data. */
  static byte[] pngHeaderOnly(int width, int height) {
    return MalformedImages.pngHeaderOnly(width, height);
  }

  /** A PNG cut short in its image data. */
  static byte[] truncatedPng() {
    return MalformedImages.truncated(png(28, 28, 99));
  }

  /** The start of a GIF: a format the service does not accept. */
  static byte[] gif() {
    return MalformedImages.gif();
  }

  /** An inline upload of {@code image}. */
  static ImageUpload inline(String id, byte[] image) {
    return base(id).setImageBytes(ByteBuffer.wrap(image)).build();
  }

  /** An upload by reference. */
  static ImageUpload reference(String id, String uri, String sha256) {
    return base(id).setImageUri(uri).setSha256(sha256).build();
  }

  static ImageUpload.Builder base(String id) {
    return ImageUpload.newBuilder()
        .setUploadId(id)
        .setTenant("tenant-a")
        .setSource(null)
        .setUploader("user-1")
        .setUploadedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
        .setContentType("image/png")
        .setImageBytes(null)
        .setImageUri(null)
        .setSha256(null)
        .setSizeBytes(null)
        .setModelIds(null)
        .setMetadata(Map.of());
  }

  static String sha256(byte[] bytes) {
    return Sha256.ofBytes(bytes);
  }

  static List<String> ids(List<?> records) {
    return records.stream().map(Object::toString).toList();
  }
}
