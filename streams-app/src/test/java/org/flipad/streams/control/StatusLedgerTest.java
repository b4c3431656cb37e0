package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.junit.jupiter.api.Test;

class StatusLedgerTest {

  @Test
  void everyIdButTheRejectedOnesIsAccepted() {
    Map<String, TrainingStatus> last =
        Map.of(
            "ran", status("ran", TrainingState.SUCCEEDED),
            "failed", status("failed", TrainingState.FAILED),
            "running", status("running", TrainingState.RUNNING),
            "forged", status("forged", TrainingState.REJECTED));

    assertThat(StatusLedger.acceptedIds(last))
        .containsExactlyInAnyOrder("ran", "failed", "running");
  }

  private static TrainingStatus status(String commandId, TrainingState state) {
    return TrainingStatus.newBuilder()
        .setCommandId(commandId)
        .setModelId("dcgan-seed1")
        .setState(state)
        .setPercent(null)
        .setSecondsLeft(null)
        .setReason(null)
        .setModelVersion(null)
        .setUpdatedAt(Instant.parse("2026-12-02T07:00:00Z"))
        .build();
  }
}
