package org.flipad.streams.deadletter;

/**
 * How much of a failed record a dead letter may carry. With the defaults a dead letter serialises
 * to at most about 80 KiB, whatever the failed record's size: far under the 1 MiB a default
 * producer and broker accept.
 *
 * @param maxOriginalBytes the budget for the original key and value bytes together; the key is kept
 *     up to half of it (more when the value needs less), the value up to what the key leaves. Bytes
 *     beyond the budget are represented by their size and sha256 only
 * @param maxDetailChars the longest detail message kept; longer ones are cut and say how much was
 *     cut (a detail may quote producer-supplied text)
 * @param maxIdChars the longest upload id a dead letter carries and is keyed by; a longer one (or a
 *     key that is not UTF-8) is left out, and the original key's digest identifies the record.
 *     Screening refuses uploads with longer ids, since every output of an upload is keyed by it
 */
public record DeadLetterLimits(int maxOriginalBytes, int maxDetailChars, int maxIdChars) {

  /** Default of {@link #maxOriginalBytes()}: 64 KiB. */
  public static final int DEFAULT_MAX_ORIGINAL_BYTES = 64 << 10;

  /** Largest allowed {@link #maxOriginalBytes()}: 512 KiB, half of a default record limit. */
  public static final int MAX_ORIGINAL_BYTES = 512 << 10;

  /** Validates the limits. */
  public DeadLetterLimits {
    if (maxOriginalBytes < 0 || maxOriginalBytes > MAX_ORIGINAL_BYTES) {
      throw new IllegalArgumentException(
          "maxOriginalBytes is "
              + maxOriginalBytes
              + "; it must be between 0 and "
              + MAX_ORIGINAL_BYTES
              + " so that a dead letter fits in one Kafka record");
    }
    if (maxDetailChars < 64 || maxIdChars < 1) {
      throw new IllegalArgumentException(
          "maxDetailChars is "
              + maxDetailChars
              + " and maxIdChars "
              + maxIdChars
              + "; they must be at least 64 and 1");
    }
  }

  /** 64 KiB of original bytes, 4,096-character details, 256-character upload ids. */
  public static DeadLetterLimits defaults() {
    return new DeadLetterLimits(DEFAULT_MAX_ORIGINAL_BYTES, 4096, 256);
  }

  /** A copy with another budget for the original bytes. */
  public DeadLetterLimits withMaxOriginalBytes(int bytes) {
    return new DeadLetterLimits(bytes, maxDetailChars, maxIdChars);
  }
}
