package org.flipad.streams.topology;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.Image8;
import org.flipad.core.data.PngWriter;
import org.flipad.schema.ImageUpload;

/** Uploads and image bytes for tests, good and bad, made in memory. */
final class UploadFixtures {

  private UploadFixtures() {}

  /** A gray noise image of the given size as PNG. */
  static byte[] png(int width, int height, long seed) {
    byte[] pixels = new byte[width * height];
    new Random(seed).nextBytes(pixels);
    return PngWriter.encode(new Image8(1, height, width, pixels));
  }

  /**
   * A PNG whose header claims {@code width × height} pixels but carries no image data: what a
   * decompression bomb looks like to a header reader.
   */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0);
    ihdr.put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A PNG cut short in its image data. */
  static byte[] truncatedPng() {
    byte[] whole = png(28, 28, 99);
    return Arrays.copyOf(whole, whole.length / 2);
  }

  /** The start of a GIF: a format the service does not accept. */
  static byte[] gif() {
    return "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"
        .getBytes(StandardCharsets.ISO_8859_1);
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
