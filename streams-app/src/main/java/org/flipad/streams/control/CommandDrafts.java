package org.flipad.streams.control;

import java.time.Instant;
import java.util.UUID;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;

/** Starts control commands: every payload field null, a fresh command id, unsigned. */
public final class CommandDrafts {

  private CommandDrafts() {}

  /** A new {@code type} command for {@code modelId}; set the payload, then sign it. */
  public static ControlCommand.Builder blank(
      CommandType type, String modelId, String issuer, Instant issuedAt) {
    return ControlCommand.newBuilder()
        .setCommandId(UUID.randomUUID().toString())
        .setIssuer(issuer)
        .setIssuedAt(issuedAt)
        .setType(type)
        .setModelId(modelId)
        .setVersion(null)
        .setBundleUri(null)
        .setBundleSha256(null)
        .setGeneratorBundleUri(null)
        .setGeneratorBundleSha256(null)
        .setNegativesDatasetUri(null)
        .setNegativesDatasetSha256(null)
        .setFeedbackSince(null)
        .setFeedbackUntil(null)
        .setTrainingSamples(null)
        .setValidationSamples(null)
        .setEpochs(null)
        .setFnr(null)
        .setScoreThreshold(null)
        .setSeed(null)
        .setNote(null)
        .setSignature(null)
        .setKeyId(null);
  }
}
