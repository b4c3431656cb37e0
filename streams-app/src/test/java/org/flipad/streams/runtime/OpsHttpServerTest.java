package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.flipad.schema.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ops endpoints over real HTTP, as Prometheus and the Kubernetes probes call them. */
@Timeout(20)
class OpsHttpServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicReference<KafkaStreams.State> streamsState =
      new AtomicReference<>(KafkaStreams.State.REBALANCING);
  private final Set<String> loadedModels = ConcurrentHashMap.newKeySet();
  private ServiceMetrics metrics;
  private OpsHttpServer server;

  @BeforeEach
  void start() {
    metrics = ServiceMetrics.withJvmMetrics();
    Readiness readiness =
        Readiness.allOf(
            Readiness.kafkaStreamsRunning(streamsState::get),
            Readiness.modelsLoaded(
                () -> List.of("dcgan-seed1", "wgan-seed2"), loadedModels::contains));
    server =
        OpsHttpServer.start(OpsHttpSettings.loopbackEphemeral(), metrics.registry(), readiness);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void shouldServeTheRecordedMetersInPrometheusTextFormat() throws Exception {
    metrics.uploadReceived();
    metrics.verdict(Decision.UNDECIDED, false, Duration.ofSeconds(2));
    metrics.deadLetter("CORRUPT_IMAGE");
    metrics.modelActive("dcgan-seed1", 7);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE flipad_uploads_received_total counter")
        .contains("flipad_uploads_received_total 1.0")
        .contains("flipad_verdicts_total{cached=\"false\",decision=\"UNDECIDED\"} 1.0")
        .contains("flipad_dead_letters_total{reason=\"CORRUPT_IMAGE\"} 1.0")
        .contains("flipad_active_model_version{model=\"dcgan-seed1\"} 7.0")
        .contains("flipad_end_to_end_latency_seconds_bucket{le=\"+Inf\"} 1")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void shouldAnswerLiveWhateverTheReadiness() throws Exception {
    HttpResponse<String> response = get("/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("live\n");
  }

  @Test
  void shouldReportEachReasonUntilReadyThenAnswer200() throws Exception {
    HttpResponse<String> starting = get("/ready");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body())
        .isEqualTo(
            "not ready\n"
                + "Kafka Streams state is REBALANCING, not RUNNING\n"
                + "model dcgan-seed1 is not loaded\n"
                + "model wgan-seed2 is not loaded\n");

    streamsState.set(KafkaStreams.State.RUNNING);
    loadedModels.add("dcgan-seed1");
    HttpResponse<String> oneModelMissing = get("/ready");
    assertThat(oneModelMissing.statusCode()).isEqualTo(503);
    assertThat(oneModelMissing.body()).isEqualTo("not ready\nmodel wgan-seed2 is not loaded\n");

    loadedModels.add("wgan-seed2");
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void shouldAnswer503WhenTheReadinessCheckThrows() throws Exception {
    try (OpsHttpServer failing =
        OpsHttpServer.start(
            OpsHttpSettings.loopbackEphemeral(),
            metrics.registry(),
            () -> {
              throw new IllegalStateException("model registry unreachable");
            })) {
      HttpResponse<String> response = send(failing.uri(), "GET", "/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("readiness check failed").contains("unreachable");
    }
  }

  @Test
  void shouldAnswer404ForUnknownPathsAnd405ForOtherMethods() throws Exception {
    HttpResponse<String> unknown = get("/health");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("/health").contains("/metrics, /live or /ready");

    HttpResponse<String> post = send(server.uri(), "POST", "/ready");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

    HttpResponse<String> head = send(server.uri(), "HEAD", "/live");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void shouldExposeTheChosenEphemeralPort() {
    assertThat(server.port()).isPositive();
    assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
  }

  @Test
  void shouldSayWhichAddressCannotBeBound() {
    List<OpsHttpServer> started = new ArrayList<>();
    try {
      assertThatThrownBy(
              () ->
                  started.add(
                      OpsHttpServer.start(
                          OpsHttpSettings.loopbackEphemeral().withPort(server.port()),
                          metrics.registry(),
                          Readiness.always())))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + server.port())
          .hasMessageContaining("choose a free port");
    } finally {
      started.forEach(OpsHttpServer::close);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(server.uri(), "GET", path);
  }

  private HttpResponse<String> send(URI base, String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
