package org.flipad.streams.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.flipad.core.bundle.Sha256;
import org.flipad.schema.DeadLetter;

/**
 * Completes dead letters within {@link DeadLetterLimits}, so that one never exceeds the producer's
 * record limit whatever the record it stands for.
 *
 * <p>For the failed record's key and for its value: the size and sha256 always; the bytes
 * themselves whole when they fit the budget ({@code originalKey}, {@code originalValue}), else a
 * prefix ({@code originalKeyPrefix}, {@code originalValuePrefix}) and the whole field null, so that
 * a reader never mistakes a prefix for the record. The detail is cut to {@link
 * DeadLetterLimits#maxDetailChars()} and an over-long upload id is left out. Thread-safe.
 */
public final class BoundedDeadLetters {

  private final DeadLetterLimits limits;

  /** Dead letters within {@code limits}. */
  public BoundedDeadLetters(DeadLetterLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The limits applied. */
  public DeadLetterLimits limits() {
    return limits;
  }

  /**
   * Builds {@code draft} (every required field but the original bytes set) with the failed record's
   * key and value kept within the limits.
   *
   * @param originalKey the failed record's key bytes, or null
   * @param originalValue the failed record's value bytes, or null
   */
  public DeadLetter build(DeadLetter.Builder draft, byte[] originalKey, byte[] originalValue) {
    int keyShare = keyShare(length(originalKey), length(originalValue));
    Kept key = keep(originalKey, keyShare);
    Kept value = keep(originalValue, limits.maxOriginalBytes() - key.copied());
    draft
        .setOriginalKey(key.whole())
        .setOriginalKeyPrefix(key.prefix())
        .setOriginalKeySize(key.size())
        .setOriginalKeySha256(key.sha256())
        .setOriginalValue(value.whole())
        .setOriginalValuePrefix(value.prefix())
        .setOriginalValueSize(value.size())
        .setOriginalValueSha256(value.sha256())
        .setDetail(detail(draft.getDetail()))
        .setUploadId(uploadId(draft.getUploadId()));
    if (draft.getOriginalValueReference() != null
        && draft.getOriginalValueReference().length() > limits.maxDetailChars()) {
      draft.setOriginalValueReference(null);
    }
    return draft.build();
  }

  /** {@code candidate} when it is a usable upload id within the limit, else null. */
  public String uploadId(String candidate) {
    return candidate == null || candidate.length() > limits.maxIdChars() ? null : candidate;
  }

  /**
   * The key as an upload id: its UTF-8 text when it decodes cleanly and is within the id limit,
   * else null. Checked on the length first, so a huge key is never decoded.
   */
  public String uploadIdOfKey(byte[] key) {
    // A UTF-8 character takes at most four bytes, so a longer key cannot be within the limit.
    if (key == null || key.length > 4L * limits.maxIdChars()) {
      return null;
    }
    try {
      return uploadId(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString());
    } catch (CharacterCodingException e) {
      // Not text: the record is still dead-lettered, identified by the key's digest.
      return null;
    }
  }

  /** {@code detail} cut to the limit, saying how much was cut. */
  public String detail(String detail) {
    int max = limits.maxDetailChars();
    if (detail == null || detail.length() <= max) {
      return detail;
    }
    int cut = detail.length() - (max - 48);
    return detail.substring(0, max - 48) + " … [" + cut + " more characters cut]";
  }

  /** The key's share of the budget: up to half, or what the value leaves when it needs less. */
  private int keyShare(int keyLength, int valueLength) {
    int budget = limits.maxOriginalBytes();
    return Math.min(keyLength, Math.max(budget / 2, budget - valueLength));
  }

  private record Kept(ByteBuffer whole, ByteBuffer prefix, Long size, String sha256, int copied) {}

  private static Kept keep(byte[] bytes, int share) {
    if (bytes == null) {
      return new Kept(null, null, null, null, 0);
    }
    String sha256 = Sha256.ofBytes(bytes);
    if (bytes.length <= share) {
      return new Kept(ByteBuffer.wrap(bytes), null, (long) bytes.length, sha256, bytes.length);
    }
    byte[] prefix = Arrays.copyOf(bytes, share);
    return new Kept(null, ByteBuffer.wrap(prefix), (long) bytes.length, sha256, share);
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
