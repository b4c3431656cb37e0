package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.schema.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The named meters as Prometheus scrapes them. */
class ServiceMetricsTest {

  private final ServiceMetrics metrics =
      new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void shouldCountUploadsVerdictsAndDeadLettersUnderTheirPrometheusNames() {
    metrics.uploadReceived();
    metrics.uploadReceived();
    metrics.verdict(Decision.ATTRIBUTED, false, Duration.ofMillis(120));
    metrics.verdict(Decision.NOT_ATTRIBUTED, true, Duration.ofMillis(3));
    metrics.verdict(Decision.NOT_ATTRIBUTED, true, Duration.ofMillis(4));
    metrics.deadLetter("TOO_MANY_PIXELS");

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains("flipad_uploads_received_total 2.0")
        .contains("flipad_verdicts_total{cached=\"false\",decision=\"ATTRIBUTED\"} 1.0")
        .contains("flipad_verdicts_total{cached=\"true\",decision=\"NOT_ATTRIBUTED\"} 2.0")
        .contains("flipad_verdicts_total{cached=\"false\",decision=\"UNDECIDED\"} 0.0")
        .contains("flipad_dead_letters_total{reason=\"TOO_MANY_PIXELS\"} 1.0");
  }

  @Test
  void shouldPublishEndToEndLatencyAsAHistogramInSeconds() {
    metrics.verdict(Decision.ATTRIBUTED, false, Duration.ofMillis(250));
    metrics.verdict(Decision.ATTRIBUTED, false, Duration.ofMillis(-5));

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains("# TYPE flipad_end_to_end_latency_seconds histogram")
        .contains("flipad_end_to_end_latency_seconds_count 1")
        .contains("flipad_end_to_end_latency_seconds_sum 0.25")
        .contains("flipad_end_to_end_latency_seconds_bucket{le=\"+Inf\"} 1");
  }

  @Test
  void shouldTrackInFlightUploadsAndActiveModelVersions() {
    metrics.uploadStarted();
    metrics.uploadStarted();
    metrics.uploadFinished();
    metrics.modelActive("dcgan-seed1", 3);
    metrics.modelActive("dcgan-seed1", 4);
    metrics.modelActive("wgan-seed2", 1);
    metrics.modelInactive("wgan-seed2");

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains("flipad_uploads_in_flight 1.0")
        .contains("flipad_active_model_version{model=\"dcgan-seed1\"} 4.0")
        .doesNotContain("wgan-seed2");
  }

  @Test
  void shouldReadInFlightUploadsFromTheirCountKeepingTheLastValueWhileItHasNone() {
    java.util.concurrent.atomic.AtomicReference<java.util.OptionalLong> count =
        new java.util.concurrent.atomic.AtomicReference<>(java.util.OptionalLong.of(7));
    metrics.uploadFinished(); // deltas from before a restart no longer count
    metrics.countUploadsInFlight(count::get);
    assertThat(metrics.scrape()).contains("flipad_uploads_in_flight 7.0");

    count.set(java.util.OptionalLong.empty());
    metrics.uploadFinished();
    assertThat(metrics.scrape()).contains("flipad_uploads_in_flight 7.0");

    count.set(java.util.OptionalLong.of(2));
    assertThat(metrics.scrape()).contains("flipad_uploads_in_flight 2.0");
  }

  @Test
  void shouldRecordWorkerInversionsAndBatches() {
    metrics.workerInversion("dcgan-seed1", "scored");
    metrics.workerInversion("dcgan-seed1", "scored");
    metrics.workerInversion("dcgan-seed1", "not_converged");
    metrics.workerBatch(Duration.ofMillis(1500));

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains("flipad_worker_inversions_total{model=\"dcgan-seed1\",outcome=\"scored\"} 2.0")
        .contains(
            "flipad_worker_inversions_total{model=\"dcgan-seed1\",outcome=\"not_converged\"} 1.0")
        .contains("flipad_worker_batch_seconds_count 1")
        .contains("flipad_worker_batch_seconds_sum 1.5");
  }

  @Test
  void shouldTimeLookupApiRequestsByEndpointAndStatus() {
    MetricsListeners.api(metrics).answered("uploads", 200, Duration.ofMillis(4));
    MetricsListeners.api(metrics).answered("uploads", 200, Duration.ofMillis(6));
    MetricsListeners.api(metrics).answered("uploads", 404, Duration.ofMillis(2));

    assertThat(metrics.scrape())
        .contains("# TYPE flipad_api_requests_seconds histogram")
        .contains("flipad_api_requests_seconds_count{endpoint=\"uploads\",status=\"200\"} 2")
        .contains("flipad_api_requests_seconds_sum{endpoint=\"uploads\",status=\"200\"} 0.01")
        .contains("flipad_api_requests_seconds_count{endpoint=\"uploads\",status=\"404\"} 1");
  }

  @Test
  void shouldRefuseABlankDeadLetterReason() {
    assertThatThrownBy(() -> metrics.deadLetter(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dead-letter reason code is blank");
  }

  @Test
  void shouldPublishAndUnbindAKafkaClientsMetrics() throws Exception {
    // The producer connects lazily, so an unreachable bootstrap address is enough to bind it.
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
            ProducerConfig.CLIENT_ID_CONFIG, "metrics-test-producer");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      AutoCloseable binding = metrics.bindClient(producer);
      assertThat(metrics.scrape())
          .contains("kafka_producer_")
          .contains("client_id=\"metrics-test-producer\"");

      binding.close();
      assertThat(metrics.scrape()).doesNotContain("metrics-test-producer");
    }
  }

  @Test
  void shouldAddJvmMetersWhenAsked() {
    try (ServiceMetrics withJvm = ServiceMetrics.withJvmMetrics()) {
      assertThat(withJvm.scrape())
          .contains("jvm_memory_used_bytes")
          .contains("flipad_uploads_received_total");
    }
  }
}
