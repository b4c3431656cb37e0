package org.flipad.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.flipad.core.bundle.Sha256;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundedDeadLetters}: whatever the size of the failed record, the dead letter serialises
 * under 100 KiB with the default limits and still identifies the record by size and digest.
 */
class BoundedDeadLettersTest {

  private static final int SERIALISED_BOUND = 100 << 10;

  private final BoundedDeadLetters letters = new BoundedDeadLetters(DeadLetterLimits.defaults());

  @Test
  void shouldKeepASizeDigestAndPrefixOfANearlyOneMebibyteValueAndStayUnder100KiB() {
    byte[] key = "upload-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = random(1_040_000, 1);

    DeadLetter letter = letters.build(draft("upload-1"), key, value);

    assertThat(serialisedSize(letter)).isLessThan(SERIALISED_BOUND);
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getOriginalValueSize()).isEqualTo(1_040_000L);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(Sha256.ofBytes(value));
    assertThat(bytes(letter.getOriginalValuePrefix()))
        .isEqualTo(Arrays.copyOf(value, (64 << 10) - key.length));
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key);
    assertThat(letter.getOriginalKeyPrefix()).isNull();
    assertThat(letter.getOriginalKeySize()).isEqualTo(key.length);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(Sha256.ofBytes(key));
    assertThat(letter.getUploadId()).isEqualTo("upload-1");
  }

  @Test
  void shouldKeepASizeDigestAndPrefixOfA200KiBKeyAndLeaveOutTheOverlongUploadId() {
    String id = "k".repeat(200 << 10);
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    byte[] value = random(300, 2);

    DeadLetter letter = letters.build(draft(id), key, value);

    assertThat(serialisedSize(letter)).isLessThan(SERIALISED_BOUND);
    assertThat(letter.getUploadId()).isNull();
    assertThat(letter.getOriginalKey()).isNull();
    assertThat(letter.getOriginalKeySize()).isEqualTo(200L << 10);
    assertThat(letter.getOriginalKeySha256()).isEqualTo(Sha256.ofBytes(key));
    assertThat(letter.getOriginalKeyPrefix().remaining()).isEqualTo((64 << 10) - 300);
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getOriginalValueSize()).isEqualTo(300L);
    assertThat(letter.getOriginalValueSha256()).isEqualTo(Sha256.ofBytes(value));
  }

  @Test
  void shouldSplitTheBudgetWhenKeyAndValueAreBothLargeAndCutALongDetail() {
    byte[] key = random(200 << 10, 3);
    byte[] value = random(1_000_000, 4);
    DeadLetter.Builder draft = draft(null).setDetail("sha256 '" + "x".repeat(500_000) + "' is bad");

    DeadLetter letter = letters.build(draft, key, value);

    assertThat(serialisedSize(letter)).isLessThan(SERIALISED_BOUND);
    assertThat(letter.getOriginalKeyPrefix().remaining()).isEqualTo(32 << 10);
    assertThat(letter.getOriginalValuePrefix().remaining()).isEqualTo(32 << 10);
    assertThat(letter.getDetail()).hasSizeLessThanOrEqualTo(4096).contains("more characters cut");
    assertThat(letter.getOriginalKeySize()).isEqualTo(200L << 10);
    assertThat(letter.getOriginalValueSize()).isEqualTo(1_000_000L);
  }

  @Test
  void shouldKeepSmallRecordsWholeAndNullsAsNulls() {
    byte[] value = random(500, 5);

    DeadLetter letter = letters.build(draft(null), null, value);

    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getOriginalValuePrefix()).isNull();
    assertThat(letter.getOriginalKey()).isNull();
    assertThat(letter.getOriginalKeySize()).isNull();
    assertThat(letter.getOriginalKeySha256()).isNull();
  }

  @Test
  void shouldReadAnUploadIdFromAShortUtf8KeyOnly() {
    assertThat(letters.uploadIdOfKey("u-1".getBytes(StandardCharsets.UTF_8))).isEqualTo("u-1");
    assertThat(letters.uploadIdOfKey(new byte[] {(byte) 0xff, (byte) 0xfe})).isNull();
    assertThat(letters.uploadIdOfKey(new byte[10_000])).isNull();
    assertThat(letters.uploadIdOfKey(null)).isNull();
  }

  private static DeadLetter.Builder draft(String uploadId) {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.TOO_MANY_BYTES)
        .setStage(DeadLetterStage.VALIDATE)
        .setDetail("The inline image is too large.")
        .setUploadId(uploadId)
        .setSourceTopic("flipad.uploads")
        .setSourcePartition(3)
        .setSourceOffset(42L)
        .setFailedAt(Instant.parse("2026-03-01T12:00:00Z"))
        .setServiceInstance("flipad-streams-0");
  }

  private static int serialisedSize(DeadLetter letter) {
    try {
      return letter.toByteBuffer().remaining();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }
}
