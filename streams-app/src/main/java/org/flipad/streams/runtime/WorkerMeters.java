package org.flipad.streams.runtime;

import static org.flipad.streams.runtime.ServiceMetrics.requireText;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of models being served and of the inversion workers that serve them: the active
 * version of each watched model, where a worker computes, inversions by outcome and time per batch.
 * The model gauges come and go with the models, so they are kept here to be removed again. Part of
 * {@link ServiceMetrics}.
 */
final class WorkerMeters {

  private final MeterRegistry registry;
  private final Map<String, ModelGauge> activeModels = new ConcurrentHashMap<>();
  private final Timer workerBatch;

  private record ModelGauge(AtomicLong version, Gauge gauge) {}

  WorkerMeters(MeterRegistry registry) {
    this.registry = registry;
    workerBatch =
        Timer.builder(ServiceMetrics.WORKER_BATCH)
            .description("Time an inversion worker spends on one batch")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
  }

  void modelActive(String modelId, long version) {
    requireText(modelId, "model id");
    activeModels
        .computeIfAbsent(
            modelId,
            id -> {
              AtomicLong value = new AtomicLong(version);
              Gauge gauge =
                  Gauge.builder(ServiceMetrics.ACTIVE_MODEL_VERSION, value, AtomicLong::get)
                      .description("Active version of each watched model")
                      .tag("model", id)
                      .register(registry);
              return new ModelGauge(value, gauge);
            })
        .version()
        .set(version);
  }

  void modelInactive(String modelId) {
    ModelGauge removed = activeModels.remove(modelId);
    if (removed != null) {
      registry.remove(removed.gauge());
    }
  }

  void workerCompute(String device, int gpus, int intraOpThreads) {
    requireText(device, "device");
    Gauge.builder(ServiceMetrics.WORKER_COMPUTE, () -> 1)
        .description("Where the worker's tensor work runs (always 1; see the tags)")
        .tag("device", device)
        .tag("gpus", Integer.toString(gpus))
        .tag("torch_threads", Integer.toString(intraOpThreads))
        .register(registry);
  }

  void workerInversion(String modelId, String outcome) {
    Counter.builder(ServiceMetrics.WORKER_INVERSIONS)
        .description("Inversions run by workers, by model and outcome")
        .tag("model", requireText(modelId, "model id"))
        .tag("outcome", requireText(outcome, "inversion outcome"))
        .register(registry)
        .increment();
  }

  void workerBatch(Duration elapsed) {
    workerBatch.record(elapsed);
  }
}
