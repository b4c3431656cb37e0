package org.flipad.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, in the layout of the MNIST distribution. */
final class IdxTestFiles {
  private IdxTestFiles() {}

  /** Image i has pixel (y, x) = (i · 31 + y · w + x) mod 256. */
  static byte[] images(int count, int height, int width) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.IMAGE_MAGIC);
    out.writeInt(count);
    out.writeInt(height);
    out.writeInt(width);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < height * width; p++) {
        out.writeByte(i * 31 + p);
      }
    }
    return bytes.toByteArray();
  }

  /** Labels 0..9 repeating, plus 255 for the last one. */
  static byte[] labels(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.LABEL_MAGIC);
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeByte(i == count - 1 ? 255 : i % 10);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    return Files.write(file, bytes);
  }
}
