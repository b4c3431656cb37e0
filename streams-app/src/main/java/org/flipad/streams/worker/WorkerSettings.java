package org.flipad.streams.worker;

import java.time.Duration;
import java.util.Objects;
import org.flipad.streams.deadletter.DeadLetterLimits;

/**
 * How a worker batches and retries.
 *
 * @param workerId this worker's name in results; also the root of its transactional id
 * @param groupId the consumer group all workers of a cluster share
 * @param maxBatch the most images inverted together per model (bounds memory and latency)
 * @param batchWait how long to wait for a batch to fill once its first request arrived
 * @param maxAttempts tries per image before it is given up with WORKER_ERROR
 * @param deadLetterLimits how much of a failed request a dead letter keeps
 */
public record WorkerSettings(
    String workerId,
    String groupId,
    int maxBatch,
    Duration batchWait,
    int maxAttempts,
    DeadLetterLimits deadLetterLimits) {

  /** Validates. */
  public WorkerSettings {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(batchWait, "batchWait");
    Objects.requireNonNull(deadLetterLimits, "deadLetterLimits");
    if (maxBatch < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxBatch and maxAttempts must be at least 1; got " + maxBatch + " and " + maxAttempts);
    }
  }

  /**
   * Batches of up to 16 images, 5 ms to fill them, 3 attempts, group {@code flipad-workers},
   * default dead-letter limits.
   */
  public static WorkerSettings defaults(String workerId) {
    return new WorkerSettings(
        workerId, "flipad-workers", 16, Duration.ofMillis(5), 3, DeadLetterLimits.defaults());
  }
}
