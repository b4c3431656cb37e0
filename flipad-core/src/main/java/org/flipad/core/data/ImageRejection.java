package org.flipad.core.data;

import java.nio.file.Path;

/**
 * An image was refused before or during decoding; {@link #reason()} says why in a code that maps
 * one-to-one onto a dead-letter reason.
 *
 * <p>Unchecked so that it can travel through a Kafka Streams processing-exception handler to the
 * dead-letter queue without try/catch inside processors.
 */
public final class ImageRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an image was refused. */
  public enum Reason {
    /** Width × height from the header exceeds {@link DecodeLimits#maxPixels()}. */
    TOO_MANY_PIXELS,
    /** The encoded file is larger than {@link DecodeLimits#maxBytes()}. */
    TOO_MANY_BYTES,
    /** The bytes are not PNG or JPEG (checked by magic bytes), or the variant is unsupported. */
    UNSUPPORTED_FORMAT,
    /** The bytes start like PNG or JPEG but cannot be decoded cleanly (truncated, bad data). */
    CORRUPT
  }

  private final Reason reason;

  /**
   * Creates a rejection.
   *
   * @param reason the code
   * @param message what failed, the value, what was expected and what to do
   */
  public ImageRejection(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Creates a rejection caused by a decoder failure.
   *
   * @param reason the code
   * @param message what failed, the value, what was expected and what to do
   * @param cause the decoder's exception
   */
  public ImageRejection(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * The same rejection with the file name in front of the message, for callers that decoded a
   * file's bytes.
   *
   * @param file the file whose image was refused
   * @return a rejection with the same reason, message {@code "<file>: <message>"}, and this as
   *     cause
   */
  public ImageRejection inFile(Path file) {
    return new ImageRejection(reason, file + ": " + getMessage(), this);
  }

  /** The reason code. */
  public Reason reason() {
    return reason;
  }
}
