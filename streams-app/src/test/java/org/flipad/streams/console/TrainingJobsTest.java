package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.junit.jupiter.api.Test;

class TrainingJobsTest {

  private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

  @Test
  void shouldKeepTheLatestStatusOfEachJobUpdatedLastFirst() {
    TrainingJobs jobs = new TrainingJobs();
    jobs.add(status("retrain-1", TrainingState.RUNNING, 40.0, null, AT));
    jobs.add(
        status("retrain-1", TrainingState.FAILED, 60.0, "AUROC 0.61 below 0.9", AT.plusSeconds(9)));
    // A status read out of order does not replace a later one.
    jobs.add(status("retrain-1", TrainingState.ACCEPTED, null, null, AT.minusSeconds(5)));
    jobs.add(status("threshold-2", TrainingState.SUCCEEDED, 100.0, null, AT.plusSeconds(1)));

    JsonNode listed = jobs.toJson().get("jobs");

    assertThat(listed).hasSize(2);
    JsonNode latest = listed.get(0);
    assertThat(latest.get("commandId").asText()).isEqualTo("retrain-1");
    assertThat(latest.get("state").asText()).isEqualTo("FAILED");
    assertThat(latest.get("percent").asDouble()).isEqualTo(60.0);
    assertThat(latest.get("reason").asText()).isEqualTo("AUROC 0.61 below 0.9");
    assertThat(listed.get(1).get("commandId").asText()).isEqualTo("threshold-2");
    assertThat(listed.get(1).get("reason").isNull()).isTrue();
  }

  @Test
  void shouldDropTheJobUpdatedLongestAgoBeyondWhatItKeeps() {
    TrainingJobs jobs = new TrainingJobs();
    for (int i = 0; i <= TrainingJobs.KEPT; i++) {
      jobs.add(status("job-" + i, TrainingState.SUCCEEDED, 100.0, null, AT.plusSeconds(i)));
    }

    JsonNode listed = jobs.toJson().get("jobs");
    assertThat(listed).hasSize(TrainingJobs.KEPT);
    assertThat(listed.get(TrainingJobs.KEPT - 1).get("commandId").asText()).isEqualTo("job-1");
  }

  private static TrainingStatus status(
      String commandId, TrainingState state, Double percent, String reason, Instant at) {
    return TrainingStatus.newBuilder()
        .setCommandId(commandId)
        .setModelId("dcgan-seed1")
        .setState(state)
        .setPercent(percent)
        .setMetrics(Map.of())
        .setReason(reason)
        .setUpdatedAt(at)
        .build();
  }
}
