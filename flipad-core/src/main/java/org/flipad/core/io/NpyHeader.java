package org.flipad.core.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed header of a {@code .npy} file, and the encoder that writes one exactly as {@code
 * numpy.save} does (NumPy 1.24 and later, including the spare spaces NumPy leaves for growing the
 * first axis).
 *
 * @param dtype element type
 * @param shape array shape, C order; empty for a scalar
 * @param dataOffset byte offset of the first element, a multiple of 64 for files NumPy writes
 */
record NpyHeader(NpyDType dtype, long[] shape, long dataOffset) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern DESCR_KEY = Pattern.compile("'descr'\\s*:\\s*(\\S)");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Number of elements, the product of the shape. */
  long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Number of data bytes after the header. */
  long dataBytes() {
    return Math.multiplyExact(elementCount(), dtype.itemSize());
  }

  /**
   * Encodes a version 1.0 header (2.0 if it does not fit), byte-identical to {@code numpy.save}.
   *
   * @param dtype element type
   * @param shape array shape, C order
   * @return magic, version, header length, dict, space padding and newline; length a multiple of 64
   */
  static byte[] encode(NpyDType dtype, long[] shape) {
    String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': ";
    dict += shapeRepr(shape) + ", }";
    if (shape.length > 0) {
      dict += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
    }
    byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
    int lengthField = paddedLength(text.length, 2) <= 0xFFFF ? 2 : 4;
    int headerLength = paddedLength(text.length, lengthField);
    int padding = headerLength - text.length - 1;
    ByteBuffer out =
        ByteBuffer.allocate(MAGIC.length + 2 + lengthField + headerLength)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) (lengthField == 2 ? 1 : 2)).put((byte) 0);
    if (lengthField == 2) {
      out.putShort((short) headerLength);
    } else {
      out.putInt(headerLength);
    }
    out.put(text).put(" ".repeat(padding).getBytes(StandardCharsets.ISO_8859_1)).put((byte) '\n');
    return out.array();
  }

  /** Header length after the length field: dict, 1 to 64 spaces (as NumPy) and a newline. */
  private static int paddedLength(int textLength, int lengthField) {
    int prefix = MAGIC.length + 2 + lengthField;
    return textLength + 1 + ALIGN - ((prefix + textLength + 1) % ALIGN);
  }

  /** Python's repr of a shape tuple: {@code (3,)} for one dimension, {@code (3, 2)} for two. */
  static String shapeRepr(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return s.append(')').toString();
  }

  /**
   * Reads and validates a header, leaving {@code in} positioned at the first data byte.
   *
   * @param in the file's bytes from its start
   * @param source file name for error messages
   * @return the header
   * @throws NpyFormatException when the header is malformed or describes an unsupported array
   */
  static NpyHeader read(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] prefix = new byte[MAGIC.length + 2];
    readFully(data, prefix, source);
    int major = checkMagicAndVersion(prefix, source);
    byte[] lengthBytes = new byte[major == 1 ? 2 : 4];
    readFully(data, lengthBytes, source);
    long headerLength = littleEndianUnsigned(lengthBytes);
    if (headerLength > MAX_HEADER_BYTES) {
      throw new NpyFormatException(
          String.format(
              "%s declares a header of %d bytes; the limit is %d. The file is corrupt or not a"
                  + " plain numeric array.",
              source, headerLength, MAX_HEADER_BYTES));
    }
    byte[] text = new byte[(int) headerLength];
    readFully(data, text, source);
    String dict =
        new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    long offset = prefix.length + lengthBytes.length + headerLength;
    return new NpyHeader(parseDescr(dict, source), parseShape(dict, source), offset);
  }

  /** Checks the magic string and returns the major version, 1 to 3. */
  private static int checkMagicAndVersion(byte[] prefix, String source) throws NpyFormatException {
    if (!Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
      throw new NpyFormatException(
          source
              + " does not start with the .npy magic \\x93NUMPY. Pass a file written by"
              + " numpy.save (not .npz, pickle or raw bytes).");
    }
    int major = prefix[6];
    if (major < 1 || major > 3) {
      throw new NpyFormatException(
          String.format(
              "%s is .npy format version %d.%d; supported are 1.0, 2.0 and 3.0. Re-save it with"
                  + " numpy.save.",
              source, major, prefix[7]));
    }
    return major;
  }

  private static NpyDType parseDescr(String dict, String source) throws NpyFormatException {
    Matcher fortran = FORTRAN.matcher(dict);
    if (!fortran.find()) {
      throw malformed(dict, source, "'fortran_order'");
    }
    if (fortran.group(1).equals("True")) {
      throw new NpyFormatException(
          source
              + " is stored in Fortran (column-major) order; only C order is supported."
              + " Re-save it with numpy.save(path, numpy.ascontiguousarray(a)).");
    }
    Matcher descr = DESCR.matcher(dict);
    if (!descr.find()) {
      Matcher key = DESCR_KEY.matcher(dict);
      if (key.find()) {
        throw new NpyFormatException(
            source
                + " has a structured dtype (descr "
                + abbreviate(dict)
                + "); only plain"
                + " float32, float64, uint8, int32 and int64 arrays are supported.");
      }
      throw malformed(dict, source, "'descr'");
    }
    return dtypeOf(descr.group(1), source);
  }

  private static NpyDType dtypeOf(String descr, String source) throws NpyFormatException {
    String hint;
    if (descr.startsWith(">")) {
      hint = "It is big-endian; re-save it with a.astype(a.dtype.newbyteorder('<')).";
    } else if (descr.contains("O")) {
      hint = "Object arrays hold Python objects, not numbers; convert with a.astype('<f4').";
    } else {
      hint = "Convert it with a.astype('<f4') before saving.";
    }
    return NpyDType.fromDescr(descr)
        .orElseThrow(
            () ->
                new NpyFormatException(
                    source
                        + " has dtype '"
                        + descr
                        + "'; supported are <f4, <f8, |u1, <i4 and"
                        + " <i8 (little-endian). "
                        + hint));
  }

  private static long[] parseShape(String dict, String source) throws NpyFormatException {
    Matcher m = SHAPE.matcher(dict);
    if (!m.find()) {
      throw malformed(dict, source, "'shape'");
    }
    String[] parts = m.group(1).split(",");
    long[] shape = new long[parts.length];
    int n = 0;
    for (String part : parts) {
      String trimmed = part.strip();
      // Python 2 wrote long integers with an L suffix, e.g. (3L, 2L).
      trimmed = trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
      if (!trimmed.isEmpty()) {
        shape[n++] = parseDimension(trimmed, dict, source);
      }
    }
    return Arrays.copyOf(shape, n);
  }

  private static long parseDimension(String text, String dict, String source)
      throws NpyFormatException {
    try {
      long d = Long.parseLong(text);
      if (d >= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // Fall through to the error below, which shows the whole header.
    }
    throw new NpyFormatException(
        source
            + " has shape entry '"
            + text
            + "' in header "
            + abbreviate(dict)
            + "; expected non-negative integers. The file is corrupt.");
  }

  private static NpyFormatException malformed(String dict, String source, String key) {
    return new NpyFormatException(
        source
            + " has no "
            + key
            + " entry in its header "
            + abbreviate(dict)
            + ". The file is corrupt or not written by numpy.save.");
  }

  private static String abbreviate(String dict) {
    String s = dict.strip();
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static long littleEndianUnsigned(byte[] bytes) {
    long v = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      v = (v << 8) | (bytes[i] & 0xFF);
    }
    return v;
  }

  private static void readFully(DataInputStream in, byte[] into, String source) throws IOException {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw new NpyFormatException(
          source + " ends inside its header; the file is truncated. Write it again.", e);
    }
  }
}
