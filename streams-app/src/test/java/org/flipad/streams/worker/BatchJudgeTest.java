package org.flipad.streams.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flipad.schema.Decision;
import org.flipad.schema.InversionErrorReason;
import org.flipad.schema.InversionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's judgement of requests with the demo's real detector bundle. */
class BatchJudgeTest {

  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private static LoadedModel model;
  private final List<String> outcomes = new ArrayList<>();
  private final WorkerListener listener =
      new WorkerListener() {
        @Override
        public void inversion(String modelLabel, String outcome) {
          outcomes.add(outcome);
        }
      };

  @BeforeAll
  static void load() throws Exception {
    model = DetectorLoader.load(DETECTOR, null, 2, 0.05);
  }

  @AfterAll
  static void close() {
    model.detector().close();
  }

  private BatchJudge judge(LoadedModel served, int maxBatch) {
    return new BatchJudge(
        WorkerModels.of(List.of(served)),
        new WorkerSettings(
            "w-test",
            "g",
            maxBatch,
            java.time.Duration.ZERO,
            3,
            org.flipad.streams.deadletter.DeadLetterLimits.defaults()),
        InstantSource.fixed(NOW),
        listener);
  }

  @Test
  void shouldAnswerEveryRequestInOrderWithTheDecisionAtTheModelsFnr() {
    List<InversionRequest> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(request("u" + i, "dcgan-seed1", 2, 28, 28, NOW.plusSeconds(10), i));
    }

    List<Judged> judged = judge(model, 2).judge(requests);

    assertThat(judged).hasSize(5);
    for (int i = 0; i < 5; i++) {
      var result = judged.get(i).result();
      assertThat(result.getUploadId()).isEqualTo("u" + i);
      assertThat(result.getError()).isNull();
      assertThat(result.getDecision()).isIn(Decision.ATTRIBUTED, Decision.NOT_ATTRIBUTED);
      assertThat(result.getFnr()).isEqualTo(0.05);
      assertThat(result.getThreshold()).isEqualTo(model.detector().thresholds().threshold(0.05));
      boolean attributed = result.getScore() <= result.getThreshold();
      assertThat(result.getDecision() == Decision.ATTRIBUTED).isEqualTo(attributed);
      assertThat(result.getWorkerId()).isEqualTo("w-test");
      assertThat(result.getSolver().getIterations()).isPositive();
      assertThat(judged.get(i).exhausted()).isFalse();
    }
  }

  @Test
  void shouldAnswerWithoutComputingWhenTheDeadlinePassedTheModelIsUnknownOrTheShapeIsWrong() {
    List<Judged> judged =
        judge(model, 16)
            .judge(
                List.of(
                    request("late", "dcgan-seed1", 2, 28, 28, NOW.minusMillis(1), 1),
                    request("unknown", "no-such-model", 1, 28, 28, NOW.plusSeconds(10), 2),
                    request("old-version", "dcgan-seed1", 1, 28, 28, NOW.plusSeconds(10), 3),
                    request("big", "dcgan-seed1", 2, 32, 32, NOW.plusSeconds(10), 4)));

    assertThat(judged)
        .extracting(j -> j.result().getError().getReason())
        .containsExactly(
            InversionErrorReason.DEADLINE_EXCEEDED,
            InversionErrorReason.MODEL_UNAVAILABLE,
            InversionErrorReason.MODEL_UNAVAILABLE,
            InversionErrorReason.SHAPE_MISMATCH);
    assertThat(judged).allMatch(j -> j.result().getDecision() == Decision.UNDECIDED);
    assertThat(judged).noneMatch(Judged::exhausted);
    assertThat(judged.get(2).result().getError().getDetail()).contains("serves version 2");
  }

  @Test
  void shouldGiveUpAfterItsAttemptsAndMarkTheRequestExhaustedWhenTheDetectorFails()
      throws Exception {
    LoadedModel broken = DetectorLoader.load(DETECTOR, null, 2, 0.05);
    broken.detector().close(); // a detector whose native resources are gone fails every call

    List<Judged> judged =
        judge(broken, 16)
            .judge(List.of(request("doomed", "dcgan-seed1", 2, 28, 28, NOW.plusSeconds(10), 5)));

    Judged only = judged.get(0);
    assertThat(only.exhausted()).isTrue();
    assertThat(only.result().getDecision()).isEqualTo(Decision.UNDECIDED);
    assertThat(only.result().getError().getReason())
        .isIn(InversionErrorReason.SOLVER_FAILED, InversionErrorReason.RESOURCE_EXHAUSTED);
    assertThat(only.result().getError().getDetail()).contains("Failed 3 attempts");
  }

  private static InversionRequest request(
      String uploadId,
      String modelId,
      int version,
      int width,
      int height,
      Instant deadline,
      long seed) {
    byte[] pixels = new byte[width * height];
    new Random(seed).nextBytes(pixels);
    return InversionRequest.newBuilder()
        .setUploadId(uploadId)
        .setModelId(modelId)
        .setModelVersion(version)
        .setImageSha256("0".repeat(64))
        .setPixels(ByteBuffer.wrap(pixels))
        .setEncodedImage(null)
        .setWidth(width)
        .setHeight(height)
        .setChannels(1)
        .setRequestedAt(NOW.minusMillis(30))
        .setDeadlineAt(deadline)
        .setAttempt(1)
        .setSourceTopic("flipad.uploads")
        .setSourcePartition(0)
        .setSourceOffset(seed)
        .build();
  }
}
