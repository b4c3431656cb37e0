package org.flipad.streams.topology;

import org.flipad.schema.Decision;
import org.flipad.schema.UndecidedReason;

/**
 * What one watched model said about one upload, as kept in the join state until the verdict is
 * complete. {@code decision == null} means the result is still awaited.
 *
 * @param modelId the watched model
 * @param modelVersion the detector version the request named
 * @param decision the worker's answer, UNDECIDED with a reason, or null while pending
 * @param score DeepSAD score, when scored
 * @param pValue p-value of the score among held-out target images, when scored
 * @param fnr the false-negative level decided at
 * @param threshold the score threshold used at that level
 * @param undecidedReason why no answer, when UNDECIDED
 * @param workerId the worker that answered
 * @param queueMs request waiting time before the worker took it
 * @param decodeMs the worker's decode time
 * @param inversionMs the worker's lasso inversion time
 * @param scoringMs the worker's DeepSAD scoring time
 */
record ModelOutcome(
    String modelId,
    int modelVersion,
    Decision decision,
    Double score,
    Double pValue,
    Double fnr,
    Double threshold,
    UndecidedReason undecidedReason,
    String workerId,
    long queueMs,
    long decodeMs,
    long inversionMs,
    long scoringMs) {

  /** An outcome still awaited from a worker. */
  static ModelOutcome awaiting(String modelId, int version) {
    return new ModelOutcome(modelId, version, null, null, null, null, null, null, null, 0, 0, 0, 0);
  }

  /** An outcome decided without a worker (unknown model, size not accepted, timeout). */
  static ModelOutcome undecided(String modelId, int version, UndecidedReason reason) {
    return new ModelOutcome(
        modelId, version, Decision.UNDECIDED, null, null, null, null, reason, null, 0, 0, 0, 0);
  }

  /** An outcome decided without a worker because the image cannot come from this model. */
  static ModelOutcome notAttributed(String modelId, int version) {
    return new ModelOutcome(
        modelId, version, Decision.NOT_ATTRIBUTED, null, null, null, null, null, null, 0, 0, 0, 0);
  }

  boolean pending() {
    return decision == null;
  }
}
