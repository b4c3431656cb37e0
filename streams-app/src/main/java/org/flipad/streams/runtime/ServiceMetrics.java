package org.flipad.streams.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.flipad.schema.Decision;

/**
 * The service's meters on a Prometheus registry, with one method per event worth counting. Meter
 * names below are as Prometheus shows them (Micrometer adds {@code _total} to counters and {@code
 * _seconds} to timers):
 *
 * <ul>
 *   <li>{@code flipad_uploads_received_total}: uploads read from {@code flipad.uploads};
 *   <li>{@code flipad_verdicts_total{decision, cached}}: verdicts written, by decision and whether
 *       the verdict came from the dedupe cache;
 *   <li>{@code flipad_end_to_end_latency_seconds} (histogram): upload received-at to verdict;
 *   <li>{@code flipad_dead_letters_total{reason}}: dead letters by reason code;
 *   <li>{@code flipad_outputs_dropped_total{topic, exception}}: output records the production
 *       exception handler dropped (and dead-lettered) instead of stopping the service;
 *   <li>{@code flipad_late_results_total{reason}}: worker results that found no upload waiting for
 *       them ({@code not_pending}: the upload already has its verdict, timed out, or was never
 *       screened by this application; {@code already_answered}: the model had already answered, a
 *       redelivery; {@code tombstone}: a null result);
 *   <li>{@code flipad_uploads_in_flight}: uploads waiting for their verdict;
 *   <li>{@code flipad_active_model_version{model}}: the active version of each watched model;
 *   <li>{@code flipad_worker_inversions_total{model, outcome}}: inversions run by workers;
 *   <li>{@code flipad_worker_batch_seconds} (histogram): time per worker batch;
 *   <li>{@code flipad_api_requests_seconds{endpoint, status}} (histogram): lookup API requests.
 * </ul>
 *
 * <p>Kafka client metrics join the same registry through {@link #bindKafkaStreams} and {@link
 * #bindClient}. Thread-safe. Closing unbinds the Kafka and JVM binders and closes the registry.
 *
 * <p>This class is the one facade the service calls; the meters that live as long as it does are
 * kept by {@link UploadMeters} (per upload) and {@link WorkerMeters} (models and workers), the
 * binders by {@link MeterBinders}.
 */
public final class ServiceMetrics implements AutoCloseable {

  /** Micrometer name of the lookup API's request timer. */
  public static final String API_REQUESTS = "flipad.api.requests";

  /** Micrometer name of the uploads-received counter. */
  public static final String UPLOADS_RECEIVED = "flipad.uploads.received";

  /** Micrometer name of the verdicts counter. */
  public static final String VERDICTS = "flipad.verdicts";

  /** Micrometer name of the end-to-end latency timer. */
  public static final String END_TO_END_LATENCY = "flipad.end.to.end.latency";

  /** Micrometer name of the dead-letters counter. */
  public static final String DEAD_LETTERS = "flipad.dead.letters";

  /** Micrometer name of the FLOOD-alerts counter. */
  public static final String FLOOD_ALERTS = "flipad.flood.alerts";

  /** Micrometer name of the dropped-outputs counter. */
  public static final String OUTPUTS_DROPPED = "flipad.outputs.dropped";

  /** Micrometer name of the late-results counter. */
  public static final String LATE_RESULTS = "flipad.late.results";

  /** Micrometer name of the uploads-in-flight gauge. */
  public static final String UPLOADS_IN_FLIGHT = "flipad.uploads.in.flight";

  /** Micrometer name of the active-model-version gauge. */
  public static final String ACTIVE_MODEL_VERSION = "flipad.active.model.version";

  /** Micrometer name of the worker-inversions counter. */
  public static final String WORKER_INVERSIONS = "flipad.worker.inversions";

  /** Micrometer name of the worker-batch timer. */
  public static final String WORKER_BATCH = "flipad.worker.batch";

  /**
   * Always 1, tagged with where the worker's tensor work runs: the device, the GPUs PyTorch sees
   * and its intra-op threads (an info metric, so dashboards can tell GPU from CPU workers).
   */
  public static final String WORKER_COMPUTE = "flipad.worker.compute";

  private final PrometheusMeterRegistry registry;
  private final UploadMeters uploads;
  private final WorkerMeters workers;
  private final MeterBinders binders;

  /** Meters on {@code registry}; add common tags (application, instance) to it beforehand. */
  public ServiceMetrics(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    uploads = new UploadMeters(registry);
    workers = new WorkerMeters(registry);
    binders = new MeterBinders(registry);
  }

  /**
   * Meters on a new Prometheus registry that also carries JVM memory, GC, thread and CPU meters.
   */
  public static ServiceMetrics withJvmMetrics() {
    ServiceMetrics metrics =
        new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    new JvmMemoryMetrics().bindTo(metrics.registry);
    new JvmThreadMetrics().bindTo(metrics.registry);
    new ProcessorMetrics().bindTo(metrics.registry);
    new UptimeMetrics().bindTo(metrics.registry);
    metrics.binders.bind(new JvmGcMetrics());
    return metrics;
  }

  /** The registry, for other binders and for {@link OpsHttpServer}. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter. */
  public String scrape() {
    return registry.scrape(OpsHttpServer.PROMETHEUS_TEXT);
  }

  /** An upload was read from {@code flipad.uploads}. */
  public void uploadReceived() {
    uploads.uploadReceived();
  }

  /** An upload now waits for its verdict (raises the in-flight gauge by one). */
  public void uploadStarted() {
    uploads.uploadStarted();
  }

  /** An upload reached its terminal record (lowers the in-flight gauge by one). */
  public void uploadFinished() {
    uploads.uploadFinished();
  }

  /**
   * Reads the in-flight gauge from {@code count} from now on, instead of the started/finished
   * deltas: a count of the screening service's own state is right after a restart or a rebalance,
   * where deltas start again from zero while uploads are still pending. While {@code count} has no
   * answer (stores not queryable yet) the gauge keeps its last value.
   */
  public void countUploadsInFlight(Supplier<OptionalLong> count) {
    uploads.countUploadsInFlight(count);
  }

  /**
   * A verdict was written. {@code endToEnd} runs from the upload's received-at; a negative value
   * (the producer's clock ahead of ours) is not recorded, as it says nothing about latency.
   *
   * @param cached whether the verdict was served from the dedupe cache rather than computed
   */
  public void verdict(Decision decision, boolean cached, Duration endToEnd) {
    uploads.verdict(decision, cached, endToEnd);
  }

  /** A record went to {@code flipad.dlq} with {@code reasonCode} (a DeadLetterReason name). */
  public void deadLetter(String reasonCode) {
    Counter.builder(DEAD_LETTERS)
        .description("Records written to flipad.dlq, by reason code")
        .tag("reason", requireText(reasonCode, "dead-letter reason code"))
        .register(registry)
        .increment();
  }

  /**
   * An output record for {@code topic} was dropped by the production exception handler because of
   * {@code exceptionClass} (a simple class name, e.g. {@code RecordTooLargeException}).
   */
  public void outputDropped(String topic, String exceptionClass) {
    Counter.builder(OUTPUTS_DROPPED)
        .description("Output records dropped (and dead-lettered) instead of stopping the service")
        .tag("topic", requireText(topic, "topic"))
        .tag("exception", requireText(exceptionClass, "exception class"))
        .register(registry)
        .increment();
  }

  /** The flood watch raised a FLOOD alert for {@code modelId} and {@code tenant}. */
  public void floodAlert(String modelId, String tenant) {
    Counter.builder(FLOOD_ALERTS)
        .description("FLOOD alerts raised: bursts of attributions to a model from a tenant")
        .tag("model", requireText(modelId, "model id"))
        .tag("tenant", tenant == null ? "" : tenant)
        .register(registry)
        .increment();
  }

  /** A worker result found no upload waiting for it, for {@code reason} (a metric label). */
  public void lateResult(String reason) {
    Counter.builder(LATE_RESULTS)
        .description("Worker results ignored because no upload was waiting for them, by reason")
        .tag("reason", requireText(reason, "late-result reason"))
        .register(registry)
        .increment();
  }

  /** {@code modelId} is now served at {@code version}; the gauge shows the version. */
  public void modelActive(String modelId, long version) {
    workers.modelActive(modelId, version);
  }

  /**
   * Records where this worker process computes.
   *
   * @param device the device models run on, e.g. {@code cpu()} or {@code gpu(0)}
   * @param gpus the GPUs PyTorch sees
   * @param intraOpThreads PyTorch's intra-op threads
   */
  public void workerCompute(String device, int gpus, int intraOpThreads) {
    workers.workerCompute(device, gpus, intraOpThreads);
  }

  /** {@code modelId} is no longer served (disabled or unwatched); its gauge disappears. */
  public void modelInactive(String modelId) {
    workers.modelInactive(modelId);
  }

  /**
   * A worker finished one inversion of {@code modelId}.
   *
   * @param outcome what came of it: the result's decision ({@code ATTRIBUTED}, {@code
   *     NOT_ATTRIBUTED}), its error reason (e.g. {@code DEADLINE_EXCEEDED}) or {@code LOAD_FAILED}
   */
  public void workerInversion(String modelId, String outcome) {
    workers.workerInversion(modelId, outcome);
  }

  /**
   * The lookup API answered a request to {@code endpoint} with {@code status} in {@code elapsed}.
   */
  public void apiRequest(String endpoint, int status, Duration elapsed) {
    Timer.builder(API_REQUESTS)
        .description("Requests answered by the lookup API, by endpoint and HTTP status")
        .tag("endpoint", requireText(endpoint, "endpoint"))
        .tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(elapsed);
  }

  /** A worker finished a batch in {@code elapsed}. */
  public void workerBatch(Duration elapsed) {
    workers.workerBatch(elapsed);
  }

  /**
   * Publishes the metrics of {@code streams} (and of its embedded clients) on this registry until
   * the returned handle or this object is closed. Bind before {@code streams.start()} or after; the
   * binder refreshes the set of metrics periodically.
   */
  public AutoCloseable bindKafkaStreams(KafkaStreams streams) {
    return binders.bind(new KafkaStreamsMetrics(streams));
  }

  /** Publishes a producer's metrics until the returned handle or this object is closed. */
  public AutoCloseable bindClient(Producer<?, ?> producer) {
    return binders.bind(new KafkaClientMetrics(producer));
  }

  /** Publishes a consumer's metrics until the returned handle or this object is closed. */
  public AutoCloseable bindClient(Consumer<?, ?> consumer) {
    return binders.bind(new KafkaClientMetrics(consumer));
  }

  /** Unbinds every binder and closes the registry. */
  @Override
  public void close() {
    binders.closeAll();
    registry.close();
  }

  /** {@code value}, or an exception naming {@code what} if it is null or blank (a bad tag). */
  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "The " + what + " is " + (value == null ? "null" : "blank") + "; pass a non-empty code");
    }
    return value;
  }
}
