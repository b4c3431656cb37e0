package org.flipad.streams.worker;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flipad.core.attribution.Attribution;
import org.flipad.core.attribution.SolverStatistics;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.detector.Thresholds;
import org.flipad.schema.Decision;
import org.flipad.schema.InversionError;
import org.flipad.schema.InversionErrorReason;
import org.flipad.schema.InversionRequest;
import org.flipad.schema.InversionResult;
import org.flipad.schema.InversionTimings;
import org.flipad.schema.SolverStats;
import org.flipad.schema.SolverStopReason;
import org.flipad.streams.model.WatchedModel;

/**
 * Judges requests with the loaded detectors: groups them per model, inverts and scores each group
 * in batches of at most {@link WorkerSettings#maxBatch()}, and turns every request into exactly one
 * result. A failing batch is retried image by image so one bad image cannot sink its neighbours; an
 * image failing {@link WorkerSettings#maxAttempts()} times gets an error result and is marked
 * exhausted. Requests past their deadline are answered with DEADLINE_EXCEEDED without computing:
 * the upload has already timed out, and under a backlog this is what lets the worker catch up.
 */
final class BatchJudge {

  private final WorkerModels models;
  private final WorkerSettings settings;
  private final InstantSource clock;
  private final WorkerListener listener;

  BatchJudge(
      WorkerModels models, WorkerSettings settings, InstantSource clock, WorkerListener listener) {
    this.models = models;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
  }

  /** One judgement per request, in request order. */
  List<Judged> judge(List<InversionRequest> requests) {
    Judged[] out = new Judged[requests.size()];
    Map<String, List<Integer>> byModel = new LinkedHashMap<>();
    long now = clock.millis();
    for (int i = 0; i < requests.size(); i++) {
      InversionRequest request = requests.get(i);
      LoadedModel loaded = models.find(request.getModelId(), request.getModelVersion());
      if (loaded == null) {
        LoadedModel latest = models.latest(request.getModelId());
        out[i] =
            error(
                request,
                InversionErrorReason.MODEL_UNAVAILABLE,
                "Model "
                    + request.getModelId()
                    + "@"
                    + request.getModelVersion()
                    + " is not loaded in this worker"
                    + (latest == null
                        ? ""
                        : " (it serves version " + latest.model().version() + ")")
                    + ".",
                now,
                false);
      } else if (request.getDeadlineAt().toEpochMilli() <= now) {
        out[i] =
            error(
                request,
                InversionErrorReason.DEADLINE_EXCEEDED,
                "The request's deadline "
                    + request.getDeadlineAt()
                    + " passed before it was taken.",
                now,
                false);
      } else if (!fits(request, loaded.detector().inputFormat())) {
        ModelInputFormat format = loaded.detector().inputFormat();
        out[i] =
            error(
                request,
                InversionErrorReason.SHAPE_MISMATCH,
                "The image is "
                    + request.getWidth()
                    + "×"
                    + request.getHeight()
                    + "×"
                    + request.getChannels()
                    + " but the model takes "
                    + format.width()
                    + "×"
                    + format.height()
                    + "×"
                    + format.mode().channels()
                    + ".",
                now,
                false);
      } else {
        byModel.computeIfAbsent(loaded.model().label(), id -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<String, List<Integer>> group : byModel.entrySet()) {
      List<Integer> indices = group.getValue();
      InversionRequest first = requests.get(indices.get(0));
      LoadedModel loaded = models.find(first.getModelId(), first.getModelVersion());
      for (int from = 0; from < indices.size(); from += settings.maxBatch()) {
        List<Integer> chunk =
            indices.subList(from, Math.min(indices.size(), from + settings.maxBatch()));
        judgeChunk(loaded, requests, chunk, out, now);
      }
    }
    return List.of(out);
  }

  private void judgeChunk(
      LoadedModel loaded,
      List<InversionRequest> requests,
      List<Integer> chunk,
      Judged[] out,
      long takenAt) {
    List<Image8> images = new ArrayList<>(chunk.size());
    long decodeStart = System.nanoTime();
    for (int index : chunk) {
      images.add(image(requests.get(index)));
    }
    long decodeMs = (System.nanoTime() - decodeStart) / 1_000_000 / chunk.size();
    long start = System.nanoTime();
    try {
      List<Attribution> attributions = loaded.detector().attribute(images);
      long batchMs = (System.nanoTime() - start) / 1_000_000;
      long scoringMs = loaded.detector().lastScoringNanos() / 1_000_000;
      listener.batch(loaded.model().label(), chunk.size(), batchMs);
      for (int k = 0; k < chunk.size(); k++) {
        out[chunk.get(k)] =
            success(
                requests.get(chunk.get(k)),
                loaded.model(),
                attributions.get(k),
                decodeMs,
                scoringMs,
                takenAt);
      }
    } catch (RuntimeException batchFailure) {
      for (int k = 0; k < chunk.size(); k++) {
        out[chunk.get(k)] =
            judgeAlone(loaded, requests.get(chunk.get(k)), images.get(k), decodeMs, takenAt);
      }
    }
  }

  /** Retries one image alone up to the attempt limit, after its batch failed. */
  private Judged judgeAlone(
      LoadedModel loaded, InversionRequest request, Image8 image, long decodeMs, long takenAt) {
    RuntimeException last = null;
    int attempts = Math.max(1, settings.maxAttempts() - 1);
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        Attribution attribution = loaded.detector().attribute(List.of(image)).get(0);
        long scoringMs = loaded.detector().lastScoringNanos() / 1_000_000;
        return success(request, loaded.model(), attribution, decodeMs, scoringMs, takenAt);
      } catch (RuntimeException e) {
        last = e;
      }
    }
    InversionErrorReason reason =
        String.valueOf(last.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("memory")
            ? InversionErrorReason.RESOURCE_EXHAUSTED
            : InversionErrorReason.SOLVER_FAILED;
    return error(
        request,
        reason,
        "Failed "
            + settings.maxAttempts()
            + " attempts; last error: "
            + last
            + ". The request is dead-lettered with WORKER_ERROR for replay.",
        clock.millis(),
        true);
  }

  private static boolean fits(InversionRequest request, ModelInputFormat format) {
    return request.getWidth() == format.width()
        && request.getHeight() == format.height()
        && request.getChannels() == format.mode().channels()
        && request.getPixels() != null
        && request.getPixels().remaining()
            == (long) request.getWidth() * request.getHeight() * request.getChannels();
  }

  private static Image8 image(InversionRequest request) {
    byte[] pixels = new byte[request.getPixels().remaining()];
    request.getPixels().duplicate().get(pixels);
    return Image8.fromInterleaved(
        pixels, request.getChannels(), request.getHeight(), request.getWidth());
  }

  private Judged success(
      InversionRequest request,
      WatchedModel model,
      Attribution attribution,
      long decodeMs,
      long scoringMs,
      long takenAt) {
    Attribution.Decision calibrated = attribution.decisionAt(model.fnr());
    // An operator's override replaces the calibrated threshold; the comparison is the detector's
    // own rule (score at or below the threshold means "from the target").
    Attribution.Decision decision =
        model.thresholdOverride() == null
            ? calibrated
            : new Attribution.Decision(
                model.fnr(),
                model.thresholdOverride(),
                !Thresholds.isOther(attribution.score(), model.thresholdOverride()));
    SolverStatistics solver = attribution.solver();
    Instant completed = clock.instant();
    Decision answer = decision.fromTarget() ? Decision.ATTRIBUTED : Decision.NOT_ATTRIBUTED;
    listener.inversion(model.label(), answer.name());
    return new Judged(
        base(request, completed)
            .setDecision(answer)
            .setScore(attribution.score())
            .setPValue(attribution.pValue())
            .setFnr(decision.fnr())
            .setThreshold(decision.threshold())
            .setSolver(
                SolverStats.newBuilder()
                    .setObjective(solver.objective())
                    .setRelativeGap(solver.relativeGap())
                    .setIterations(solver.iterations())
                    .setStopReason(stopReason(solver.stopReason()))
                    .build())
            .setTimings(
                InversionTimings.newBuilder()
                    .setQueueMs(queueMs(request, takenAt))
                    .setDecodeMs(decodeMs)
                    .setInversionMs(Math.round(solver.millis()))
                    .setScoringMs(scoringMs)
                    .build())
            .setError(null)
            .build(),
        false);
  }

  private Judged error(
      InversionRequest request,
      InversionErrorReason reason,
      String detail,
      long nowMillis,
      boolean exhausted) {
    listener.inversion(request.getModelId() + "@" + request.getModelVersion(), reason.name());
    return new Judged(
        base(request, Instant.ofEpochMilli(nowMillis))
            .setDecision(Decision.UNDECIDED)
            .setTimings(
                InversionTimings.newBuilder()
                    .setQueueMs(queueMs(request, nowMillis))
                    .setDecodeMs(0)
                    .setInversionMs(0)
                    .setScoringMs(0)
                    .build())
            .setError(InversionError.newBuilder().setReason(reason).setDetail(detail).build())
            .build(),
        exhausted);
  }

  private InversionResult.Builder base(InversionRequest request, Instant completed) {
    return InversionResult.newBuilder()
        .setUploadId(request.getUploadId())
        .setModelId(request.getModelId())
        .setModelVersion(request.getModelVersion())
        .setImageSha256(request.getImageSha256())
        .setScore(null)
        .setPValue(null)
        .setFnr(null)
        .setThreshold(null)
        .setSolver(null)
        .setWorkerId(settings.workerId())
        .setAttempt(request.getAttempt())
        .setCompletedAt(completed);
  }

  private static long queueMs(InversionRequest request, long takenAtMillis) {
    return Math.max(0, takenAtMillis - request.getRequestedAt().toEpochMilli());
  }

  private static SolverStopReason stopReason(String name) {
    try {
      return SolverStopReason.valueOf(name);
    } catch (IllegalArgumentException e) {
      return SolverStopReason.UNKNOWN;
    }
  }
}
