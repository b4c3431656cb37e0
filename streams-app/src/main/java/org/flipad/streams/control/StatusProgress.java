package org.flipad.streams.control;

import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.TrainingState;

/**
 * Reports a job's progress as RUNNING status, at most once a second, mapping the builder's stages
 * (ā, inversion, DeepSAD, calibration) onto one percentage with an estimate of the seconds left.
 */
final class StatusProgress implements ProgressListener {
  private final TrainerOutputs out;
  private final String commandId;
  private final String modelId;
  private String task = "";
  private long total = 1;
  private long lastSent;
  private final long started = System.nanoTime();

  StatusProgress(TrainerOutputs out, String commandId, String modelId) {
    this.out = out;
    this.commandId = commandId;
    this.modelId = modelId;
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = Math.max(1, total);
  }

  @Override
  public void advance(long done, String detail) {
    long now = System.nanoTime();
    if (now - lastSent < 1_000_000_000L) {
      return;
    }
    lastSent = now;
    double stage = stageWeight(task);
    double percent = Math.min(99.0, 100 * (stage + stageSpan(task) * done / (double) total));
    long elapsed = (now - started) / 1_000_000_000L;
    long left = percent > 1 ? (long) (elapsed * (100 - percent) / percent) : -1;
    out.status(
        commandId,
        modelId,
        TrainingState.RUNNING,
        percent,
        task + ": " + detail,
        null,
        left < 0 ? null : left);
  }

  @Override
  public void finish(String summary) {}

  private double stageWeight(String name) {
    return name.startsWith("mean")
        ? 0.0
        : name.startsWith("invert") ? 0.05 : name.startsWith("DeepSAD") ? 0.65 : 0.95;
  }

  private double stageSpan(String name) {
    return name.startsWith("mean")
        ? 0.05
        : name.startsWith("invert") ? 0.6 : name.startsWith("DeepSAD") ? 0.3 : 0.05;
  }
}
