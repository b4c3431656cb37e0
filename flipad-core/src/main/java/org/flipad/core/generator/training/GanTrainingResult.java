package org.flipad.core.generator.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished training run.
 *
 * @param epochs the epochs run by this call (after {@code resumedAfterEpoch})
 * @param resumedAfterEpoch epochs completed by an earlier call whose checkpoint was resumed, or 0
 * @param trainingTime wall time of this call
 * @param weights the trained generator's parameters (see {@code NetworkGeneratorModel.load})
 */
public record GanTrainingResult(
    List<EpochSummary> epochs, int resumedAfterEpoch, Duration trainingTime, Path weights) {

  /** Copies the list. */
  public GanTrainingResult {
    epochs = List.copyOf(epochs);
  }
}
