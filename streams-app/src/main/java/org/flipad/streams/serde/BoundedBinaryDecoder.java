package org.flipad.streams.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one record's bytes that checks every declared length before anything
 * is allocated for it, so that no input can make decoding allocate much more than the record's own
 * size.
 *
 * <p>Kept as one file because it implements Avro's {@link Decoder} contract, two dozen small
 * methods over one cursor and one item budget that every length check shares; split, that state
 * would have to be passed between classes on every read.
 *
 * <ul>
 *   <li>A string, bytes or fixed value can never be longer than the bytes left in the record.
 *   <li>An array or map block can never declare more items than bytes left: every item of every
 *       flipad schema takes at least one byte.
 *   <li>The items of all blocks of one record together are capped by {@code maxItems}, which bounds
 *       the objects (one per item, a few dozen bytes each) a small record can still ask for.
 * </ul>
 *
 * <p>Avro 1.12's own limits ({@code org.apache.avro.limits.*.maxLength}) are JVM-wide system
 * properties read once when Avro is loaded, default to 2<sup>31</sup>−9 and know nothing of the
 * record's size, so a 69-byte value declaring an array of 2<sup>31</sup>−9 items passes them and
 * the reader allocates the array. This decoder refuses such a value with a {@link Refusal} (an
 * {@code IOException}, so it passes through Avro's readers unchanged) carrying the {@link
 * SerdeFailure} to report. Running out of bytes is an {@link EOFException}. Not thread-safe: one
 * decoder per record.
 */
final class BoundedBinaryDecoder extends Decoder {

  /** A declared length or count the record cannot hold or that exceeds the item cap. */
  static final class Refusal extends IOException {

    private static final long serialVersionUID = 1L;

    private final SerdeFailure failure;

    Refusal(SerdeFailure failure, String message) {
      super(message);
      this.failure = failure;
    }

    /** How the record failed: {@link SerdeFailure#UNDECODABLE_AVRO} or {@link #failure()}. */
    SerdeFailure failure() {
      return failure;
    }
  }

  private final byte[] bytes;
  private final int limit;
  private final long maxItems;
  private int position;
  private long items;

  /**
   * A decoder of {@code body} (the Avro body of one record, without the wire-format prefix).
   *
   * @param maxItems the most array and map items the record may declare in total
   */
  BoundedBinaryDecoder(byte[] body, long maxItems) {
    this.bytes = body;
    this.limit = body.length;
    this.maxItems = maxItems;
  }

  @Override
  public void readNull() {
    // null is encoded as zero bytes
  }

  @Override
  public boolean readBoolean() throws IOException {
    return next() == 1;
  }

  @Override
  public int readInt() throws IOException {
    int raw = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      int b = next();
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Refusal(
        SerdeFailure.UNDECODABLE_AVRO,
        "An int at byte " + position + " runs past 5 bytes; an Avro int is a zig-zag varint.");
  }

  @Override
  public long readLong() throws IOException {
    long raw = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      long b = next();
      raw |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Refusal(
        SerdeFailure.UNDECODABLE_AVRO,
        "A long at byte " + position + " runs past 10 bytes; an Avro long is a zig-zag varint.");
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat((int) littleEndian(4));
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(littleEndian(8));
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 text = new Utf8(Arrays.copyOfRange(bytes, position, position + length));
    position += length;
    return text;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    String text = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return text;
  }

  @Override
  public void skipString() throws IOException {
    position += length("string");
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes value");
    ByteBuffer value = ByteBuffer.wrap(Arrays.copyOfRange(bytes, position, position + length));
    position += length;
    return value;
  }

  @Override
  public void skipBytes() throws IOException {
    position += length("bytes value");
  }

  @Override
  public void readFixed(byte[] target, int start, int length) throws IOException {
    require(length);
    System.arraycopy(bytes, position, target, start, length);
    position += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    require(length);
    position += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return blockCount("array");
  }

  @Override
  public long arrayNext() throws IOException {
    return blockCount("array");
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks("array");
  }

  @Override
  public long readMapStart() throws IOException {
    return blockCount("map");
  }

  @Override
  public long mapNext() throws IOException {
    return blockCount("map");
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks("map");
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** The item count of the next block; a negative count is followed by the block's byte size. */
  private long blockCount(String kind) throws IOException {
    long count = readLong();
    if (count < 0) {
      count = negatedCount(count, kind);
      checkBlockSize(readLong(), kind);
    }
    return countItems(count, kind);
  }

  /** Skips blocks whose byte size is given; returns the item count of the first that has none. */
  private long skipBlocks(String kind) throws IOException {
    long count = readLong();
    while (count < 0) {
      negatedCount(count, kind);
      position += checkBlockSize(readLong(), kind);
      count = readLong();
    }
    return countItems(count, kind);
  }

  private long negatedCount(long count, String kind) throws Refusal {
    if (count == Long.MIN_VALUE) {
      throw new Refusal(
          SerdeFailure.UNDECODABLE_AVRO,
          "An " + kind + " block at byte " + position + " declares " + count + " items.");
    }
    return -count;
  }

  private int checkBlockSize(long size, String kind) throws Refusal {
    int remaining = limit - position;
    if (size < 0 || size > remaining) {
      throw new Refusal(
          SerdeFailure.UNDECODABLE_AVRO,
          "An "
              + kind
              + " block declares a size of "
              + size
              + " bytes but "
              + remaining
              + " bytes of the record remain.");
    }
    return (int) size;
  }

  private long countItems(long count, String kind) throws Refusal {
    int remaining = limit - position;
    if (count > remaining) {
      throw new Refusal(
          SerdeFailure.UNDECODABLE_AVRO,
          "An "
              + kind
              + " block declares "
              + count
              + " items but only "
              + remaining
              + " bytes of the record remain, and every item takes at least one byte. The value"
              + " is corrupt or forged; fix the producer.");
    }
    items += count;
    if (items > maxItems) {
      throw new Refusal(
          SerdeFailure.DECODE_LIMIT,
          "The record declares "
              + items
              + " array and map items so far, above the limit of "
              + maxItems
              + " per record (flipad.serde.max.collection.items). Send fewer items or raise the"
              + " limit.");
    }
    return count;
  }

  /** The length of the next string or bytes value, checked against the bytes left. */
  private int length(String what) throws IOException {
    long length = readLong();
    int remaining = limit - position;
    if (length < 0 || length > remaining) {
      throw new Refusal(
          SerdeFailure.UNDECODABLE_AVRO,
          "A "
              + what
              + " declares "
              + length
              + " bytes but only "
              + remaining
              + " bytes of the record remain. The value is truncated, corrupt or forged.");
    }
    return (int) length;
  }

  private long littleEndian(int size) throws IOException {
    require(size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (bytes[position + i] & 0xffL) << (8 * i);
    }
    position += size;
    return value;
  }

  private int next() throws IOException {
    require(1);
    return bytes[position++] & 0xff;
  }

  private void require(int count) throws EOFException {
    if (count < 0 || count > limit - position) {
      throw new EOFException(
          "The record ends at byte "
              + limit
              + " but "
              + count
              + " more bytes are needed at byte "
              + position
              + ".");
    }
  }
}
