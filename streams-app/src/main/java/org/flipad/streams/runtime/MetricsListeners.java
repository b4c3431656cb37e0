package org.flipad.streams.runtime;

import java.time.Duration;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.flipad.streams.api.ApiListener;
import org.flipad.streams.topology.LateResult;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.worker.WorkerListener;

/**
 * Adapts the topology's and the worker's progress hooks to {@link ServiceMetrics}, so neither
 * feature depends on Micrometer.
 */
public final class MetricsListeners {

  private MetricsListeners() {}

  /** The topology's hooks recorded as service metrics, then passed on to {@code next}. */
  public static ScreeningListener screening(ServiceMetrics metrics, ScreeningListener next) {
    return new ScreeningListener() {
      @Override
      public void uploadReceived() {
        metrics.uploadReceived();
        next.uploadReceived();
      }

      @Override
      public void verdict(Decision decision, boolean cached, long endToEndMillis) {
        metrics.verdict(decision, cached, Duration.ofMillis(endToEndMillis));
        next.verdict(decision, cached, endToEndMillis);
      }

      @Override
      public void deadLetter(DeadLetterReason reason) {
        metrics.deadLetter(reason.name());
        next.deadLetter(reason);
      }

      @Override
      public void lateResult(LateResult reason) {
        metrics.lateResult(reason.label());
        next.lateResult(reason);
      }

      @Override
      public void outputDropped(String topic, String exceptionClass) {
        metrics.outputDropped(topic, exceptionClass);
        next.outputDropped(topic, exceptionClass);
      }

      @Override
      public void flood(String modelId, String tenant) {
        metrics.floodAlert(modelId, tenant);
        next.flood(modelId, tenant);
      }

      @Override
      public void inFlight(int delta) {
        if (delta > 0) {
          metrics.uploadStarted();
        } else {
          metrics.uploadFinished();
        }
        next.inFlight(delta);
      }
    };
  }

  /** The lookup API's answers recorded as service metrics. */
  public static ApiListener api(ServiceMetrics metrics) {
    return metrics::apiRequest;
  }

  /** The worker's hooks recorded as service metrics. */
  public static WorkerListener worker(ServiceMetrics metrics) {
    return new WorkerListener() {
      @Override
      public void batch(String modelLabel, int size, long millis) {
        metrics.workerBatch(Duration.ofMillis(millis));
      }

      @Override
      public void inversion(String modelLabel, String outcome) {
        metrics.workerInversion(modelLabel, outcome);
      }
    };
  }
}
