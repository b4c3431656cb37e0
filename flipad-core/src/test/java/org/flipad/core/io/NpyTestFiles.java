package org.flipad.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Golden fixtures (made by make_golden.py beside them) and hand-made headers for tests. */
final class NpyTestFiles {
  private NpyTestFiles() {}

  /** The bytes of a fixture in src/test/resources/org/flipad/core/io. */
  static byte[] golden(String name) {
    try (InputStream in = NpyTestFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing test fixture " + name + "; run make_golden.py.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read fixture " + name, e);
    }
  }

  /** A version 1.0 file whose header dict is {@code dict} verbatim, padded, then {@code data}. */
  static byte[] withDict(String dict, byte[] data) {
    byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
    int headerLength = text.length + 1 + (64 - (10 + text.length + 1) % 64);
    ByteBuffer b = ByteBuffer.allocate(10 + headerLength + data.length);
    b.order(ByteOrder.LITTLE_ENDIAN).put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0);
    b.putShort((short) headerLength).put(text);
    while (b.position() < 10 + headerLength - 1) {
      b.put((byte) ' ');
    }
    return b.put((byte) '\n').put(data).array();
  }
}
