package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flipad.streams.deadletter.DeadLetterLimits;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading settings from a properties file, an injected environment and overrides. */
class ServiceConfigTest {

  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path file = dir.resolve("flipad.properties");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void shouldUseTheDefaultsWhenNothingIsSet() {
    ServiceConfig config = ServiceConfig.load(null, Map.of(), Map.of());

    ScreeningSettings defaults = ScreeningSettings.defaults();
    ScreeningSettings screening = config.screeningSettings();
    assertThat(screening.deadline()).isEqualTo(defaults.deadline());
    assertThat(screening.cacheTtl()).isEqualTo(defaults.cacheTtl());
    assertThat(screening.maxInlineBytes()).isEqualTo(defaults.maxInlineBytes());
    assertThat(screening.maxPixels()).isEqualTo(defaults.maxPixels());
    assertThat(screening.referenceAllowlist()).isEmpty();
    assertThat(config.topics()).isEqualTo(Topics.defaults());
    assertThat(config.opsHttpSettings()).isEqualTo(OpsHttpSettings.defaults());
    assertThat(config.createTopics()).isFalse();
    assertThat(config.modelFnr()).isEqualTo(0.005);
    assertThat(config.workerThreads()).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheLookupApiOffUnlessEnabledAndThenOnLoopback() {
    assertThat(ServiceConfig.load(null, Map.of(), Map.of()).apiSettings()).isEmpty();

    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of("FLIPAD_API_ENABLED", "true"),
            Map.of("flipad.api.lookup.retention.ms", "3600000"));

    assertThat(config.apiSettings().orElseThrow().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.apiSettings().orElseThrow().port()).isEqualTo(8090);
    assertThat(config.apiSettings().orElseThrow().authenticated()).isFalse();
    assertThat(config.lookupRetention()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldRefuseTheLookupApiBeyondLoopbackWithoutTokens() {
    Map<String, String> open = Map.of("flipad.api.enabled", "true", "flipad.api.bind", "0.0.0.0");
    String digest = "a".repeat(64);

    assertThatThrownBy(() -> ServiceConfig.load(null, Map.of(), open).apiSettings())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("0.0.0.0 without authentication")
        .hasMessageContaining("flipad.api.tokens.sha256");
    ServiceConfig withTokens =
        ServiceConfig.load(null, Map.of("FLIPAD_API_TOKENS_SHA256", digest.toUpperCase()), open);
    assertThat(withTokens.apiSettings().orElseThrow().tokenSha256()).containsExactly(digest);
  }

  @Test
  void shouldLetTheEnvironmentWinOverTheFileAndOverridesWinOverBoth() throws IOException {
    Path file =
        file(
            "flipad.screening.deadline.ms=2000",
            "flipad.worker.batch.size=8",
            "flipad.http.port=9000");
    Map<String, String> env =
        Map.of("FLIPAD_SCREENING_DEADLINE_MS", "3000", "FLIPAD_HTTP_PORT", "9100");

    ServiceConfig config = ServiceConfig.load(file, env, Map.of("flipad.http.port", "9200"));

    assertThat(config.screeningSettings().deadline()).isEqualTo(Duration.ofMillis(3000));
    assertThat(config.workerSettings(0, 1).maxBatch()).isEqualTo(8);
    assertThat(config.opsHttpSettings().port()).isEqualTo(9200);
    assertThat(config.describe())
        .contains("flipad.screening.deadline.ms = 3000  # env FLIPAD_SCREENING_DEADLINE_MS")
        .contains("flipad.worker.batch.size = 8  # file " + file)
        .contains("flipad.http.port = 9200  # option -D flipad.http.port")
        .contains("flipad.worker.max.attempts = 3  # default");
  }

  @Test
  void shouldRefuseAnUnknownFlipadKeyNamingTheClosestKnownKey() throws IOException {
    Path file = file("flipad.screening.deadlne.ms=2000");

    assertThatThrownBy(() -> ServiceConfig.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown setting flipad.screening.deadlne.ms")
        .hasMessageContaining("did you mean flipad.screening.deadline.ms?");
  }

  @Test
  void shouldRefuseAnUnknownFlipadEnvironmentVariable() {
    Map<String, String> env = Map.of("FLIPAD_WORKER_BATCH_SIZ", "4");

    assertThatThrownBy(() -> ServiceConfig.load(null, env, Map.of()))
        .hasMessageContaining("flipad.worker.batch.siz (env FLIPAD_WORKER_BATCH_SIZ)")
        .hasMessageContaining("did you mean flipad.worker.batch.size?");
  }

  @Test
  void shouldRefuseAKafkaSettingWithoutItsPrefix() throws IOException {
    Path file = file("bootstrap.servers=kafka:9092");

    assertThatThrownBy(() -> ServiceConfig.load(file, Map.of(), Map.of()))
        .hasMessageContaining("bootstrap.servers")
        .hasMessageContaining("kafka.bootstrap.servers");
  }

  @Test
  void shouldSayWhichValueIsInvalidWhereItWasSetAndWhatIsExpected() {
    Map<String, String> env = Map.of("FLIPAD_WORKER_BATCH_SIZE", "0");

    assertThatThrownBy(() -> ServiceConfig.load(null, env, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flipad.worker.batch.size is '0'")
        .hasMessageContaining("must be between 1 and 4096")
        .hasMessageContaining("env FLIPAD_WORKER_BATCH_SIZE");
  }

  @Test
  void shouldRefuseAValueOfTheWrongType() {
    assertThatThrownBy(
            () -> ServiceConfig.load(null, Map.of(), Map.of("flipad.topics.create", "yes")))
        .hasMessageContaining("flipad.topics.create is 'yes', not a boolean; give true or false");
    assertThatThrownBy(
            () -> ServiceConfig.load(null, Map.of(), Map.of("flipad.http.port", "eighty")))
        .hasMessageContaining("flipad.http.port is 'eighty', not a whole number");
  }

  @Test
  void shouldPassKafkaSettingsThroughUnchangedWithoutThePrefix() throws IOException {
    Path file =
        file(
            "kafka.bootstrap.servers=file:9092",
            "kafka.security.protocol=SASL_SSL",
            "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"u\" password=\"p\";");
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "KAFKA_PRODUCER_LINGER_MS", "7",
            // Set by container images and Kubernetes service links; not client settings.
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "KAFKA_PORT", "tcp://10.0.0.1:9092");

    Map<String, Object> kafka = ServiceConfig.load(file, env, Map.of()).kafkaClientProperties();

    assertThat(kafka)
        .containsEntry("bootstrap.servers", "env:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("producer.linger.ms", "7")
        .containsKey("sasl.jaas.config")
        .doesNotContainKeys("heap.opts", "port", "kafka.bootstrap.servers");
  }

  @Test
  void shouldRequireBootstrapServersAndTheRegistryUrlWhenAsked() {
    ServiceConfig config = ServiceConfig.load(null, Map.of(), Map.of());

    assertThatThrownBy(config::kafkaClientProperties)
        .hasMessageContaining("kafka.bootstrap.servers is not set")
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(config::registryUrl)
        .hasMessageContaining("flipad.registry.url is not set")
        .hasMessageContaining("FLIPAD_REGISTRY_URL");
  }

  @Test
  void shouldRefuseARegistryUrlThatIsNotHttp() {
    assertThatThrownBy(
            () ->
                ServiceConfig.load(
                    null, Map.of("FLIPAD_REGISTRY_URL", "schema-registry:8081"), Map.of()))
        .hasMessageContaining("flipad.registry.url is 'schema-registry:8081'")
        .hasMessageContaining("http(s) URL");
  }

  @Test
  void shouldMaskSecretsInTheDump() throws IOException {
    Path file =
        file(
            "kafka.bootstrap.servers=kafka:9092",
            "kafka.sasl.jaas.config=PlainLoginModule required password=\"hunter2\";",
            "kafka.ssl.truststore.password=changeit",
            "kafka.ssl.key.password=keypass",
            "flipad.registry.url=https://alice:s3cret@registry.example.com:8081");

    List<String> dump = ServiceConfig.load(file, Map.of(), Map.of()).describe();

    String text = String.join("\n", dump);
    assertThat(text).doesNotContain("hunter2", "changeit", "keypass", "s3cret", "alice");
    assertThat(dump)
        .anyMatch(line -> line.startsWith("kafka.sasl.jaas.config = ********"))
        .anyMatch(line -> line.startsWith("kafka.ssl.truststore.password = ********"))
        .anyMatch(line -> line.startsWith("kafka.bootstrap.servers = kafka:9092"))
        .anyMatch(line -> line.startsWith("flipad.registry.url = https://********@registry"));
    assertThat(ServiceConfig.load(file, Map.of(), Map.of()).registryUrl())
        .isEqualTo(URI.create("https://alice:s3cret@registry.example.com:8081"));
  }

  @Test
  void shouldBuildScreeningAndWorkerSettingsFromTheirKeys() {
    Map<String, String> overrides =
        Map.of(
            "flipad.screening.cache.ttl.ms", "1000",
            "flipad.screening.reference.allowlist", " https://cdn.example.com/ , https://b/ ",
            "flipad.screening.max.pixels", "1000000",
            "flipad.worker.id", "w",
            "flipad.worker.group.id", "g",
            "flipad.worker.batch.wait.ms", "20",
            "flipad.worker.max.attempts", "5",
            "flipad.topics.prefix", "staging.");

    ServiceConfig config = ServiceConfig.load(null, Map.of("HOSTNAME", "pod-1"), overrides);

    ScreeningSettings screening = config.screeningSettings();
    assertThat(screening.cacheTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(screening.referenceAllowlist())
        .containsExactly("https://cdn.example.com/", "https://b/");
    assertThat(screening.maxPixels()).isEqualTo(1_000_000);
    assertThat(screening.serviceInstance()).isEqualTo("pod-1");
    assertThat(config.workerSettings(0, 1))
        .isEqualTo(
            new WorkerSettings(
                "w", "g", 16, Duration.ofMillis(20), 5, DeadLetterLimits.defaults()));
    assertThat(config.workerSettings(1, 2).workerId()).isEqualTo("w-1");
    assertThat(config.topics().uploads()).isEqualTo("staging.flipad.uploads");
  }

  @Test
  void shouldDeriveTheWorkerIdFromTheHostName() {
    ServiceConfig config = ServiceConfig.load(null, Map.of("HOSTNAME", "worker-7"), Map.of());

    assertThat(config.workerSettings(0, 1).workerId()).isEqualTo("worker-7");
    assertThat(config.workerSettings(2, 3).workerId()).isEqualTo("worker-7-2");
  }

  @Test
  void shouldParseModelEntriesWithAndWithoutDigest() {
    String sha = "ab".repeat(32);
    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of("FLIPAD_MODELS", "a=/m/a.flipad-detector, b=rel/b@x.bin@" + sha),
            Map.of());

    assertThat(config.models())
        .containsExactly(
            new ModelSource("a", Path.of("/m/a.flipad-detector"), null),
            new ModelSource("b", Path.of("rel/b@x.bin"), sha));
  }

  @Test
  void shouldRefuseAMalformedModelEntry() {
    ServiceConfig config =
        ServiceConfig.load(null, Map.of("FLIPAD_MODELS", "models/a.flipad-detector"), Map.of());

    assertThatThrownBy(config::models)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'models/a.flipad-detector' is not modelId=bundlePath[@sha256]");
  }

  @Test
  void shouldSayWhenTheConfigFileIsMissing() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> ServiceConfig.load(missing, Map.of(), Map.of()))
        .hasMessageContaining(missing + " does not exist");
  }
}
