package org.flipad.streams.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetter;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.Decision;
import org.flipad.schema.ImageFormat;
import org.flipad.schema.ModelAttribution;
import org.flipad.schema.VerdictTimings;

/**
 * Verdicts and dead letters as the screening service writes them, made up without screening: what
 * the lookup benchmark fills the lookup store with, and what tests of the store and the API look
 * up. Deterministic: the same arguments give the same record.
 */
public final class SyntheticOutcomes {

  private SyntheticOutcomes() {}

  /**
   * An ATTRIBUTED verdict of {@code uploadId} for model {@code dcgan-seed1}@1 with every optional
   * field set, decided at {@code decidedAt}.
   */
  public static AttributionVerdict verdict(String uploadId, Instant decidedAt) {
    return AttributionVerdict.newBuilder()
        .setVerdictId("verdict-" + uploadId)
        .setUploadId(uploadId)
        .setTenant("photos-eu")
        .setImageSha256(sha256(uploadId))
        .setWidth(28)
        .setHeight(28)
        .setFormat(ImageFormat.PNG)
        .setModels(
            List.of(
                ModelAttribution.newBuilder()
                    .setModelId("dcgan-seed1")
                    .setModelVersion(1)
                    .setDecision(Decision.ATTRIBUTED)
                    .setScore(0.0123)
                    .setPValue(0.41)
                    .setFnr(0.005)
                    .setThreshold(0.05)
                    .setWorkerId("worker-0")
                    .build()))
        .setVerdict(Decision.ATTRIBUTED)
        .setAttributedModelId("dcgan-seed1")
        .setAttributedModelVersion(1)
        .setCached(false)
        .setTimings(
            VerdictTimings.newBuilder()
                .setQueueMs(12)
                .setDecodeMs(3)
                .setInversionMs(34)
                .setScoringMs(4)
                .setEndToEndMs(61)
                .build())
        .setWorkerId("worker-0")
        .setSourceTopic("flipad.uploads.by-id")
        .setSourcePartition(0)
        .setSourceOffset(42L)
        .setDecidedAt(decidedAt)
        .build();
  }

  /** A TOO_MANY_PIXELS dead letter of {@code uploadId} at stage DECODE, failed at {@code at}. */
  public static DeadLetter deadLetter(String uploadId, Instant at) {
    byte[] prefix = {(byte) 0x89, 'P', 'N', 'G'};
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.TOO_MANY_PIXELS)
        .setStage(DeadLetterStage.DECODE)
        .setDetail(
            "Image is 12000x9000 px (108 Mpx); limit is 89 Mpx (flipad.screening.max.pixels)")
        .setUploadId(uploadId)
        .setSourceTopic("flipad.uploads.by-id")
        .setSourcePartition(1)
        .setSourceOffset(7L)
        .setFailedAt(at)
        .setAttempt(1)
        .setServiceInstance("flipad-streams")
        .setOriginalValueSize(600_000L)
        .setOriginalValueSha256(sha256(uploadId))
        .setOriginalValuePrefix(ByteBuffer.wrap(prefix))
        .build();
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}: a stand-in image digest. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
