package org.flipad.core.generator.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished training run.
 *
 * @param epochs every epoch recorded in the training directory, those of earlier (resumed) calls
 *     included
 * @param resumedAfterEpoch epochs completed by earlier calls whose checkpoint was resumed, or 0
 * @param trainingTime wall time of this call
 * @param weights the trained generator's parameters (see {@code NetworkGeneratorModel.load})
 */
public record GanTrainingResult(
    List<EpochSummary> epochs, int resumedAfterEpoch, Duration trainingTime, Path weights) {

  /** Copies the list. */
  public GanTrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Wall time of all recorded epochs, earlier calls included. */
  public double totalTrainingSeconds() {
    return epochs.stream().mapToDouble(EpochSummary::seconds).sum();
  }
}
