package org.flipad.streams.demo;

import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;

/**
 * How an upload ended, as read back from the verdict and dead-letter topics.
 *
 * @param uploadId the upload
 * @param decision the verdict's decision, or null for a dead letter
 * @param deadLetter the dead-letter reason, or null for a verdict
 * @param detail undecided reason or dead-letter detail
 * @param cached whether the verdict came from the decision cache
 * @param endToEndMillis upload to verdict, for verdicts
 * @param modelDecision the watched model's own decision in the verdict, or null
 * @param modelVersion the version of the watched model that judged it, or null
 * @param split where a verdict's time went, or null for a dead letter
 */
public record Terminal(
    String uploadId,
    Decision decision,
    DeadLetterReason deadLetter,
    String detail,
    boolean cached,
    long endToEndMillis,
    Decision modelDecision,
    Integer modelVersion,
    LatencySplit split) {}
