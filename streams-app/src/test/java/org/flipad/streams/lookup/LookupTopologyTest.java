package org.flipad.streams.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.streams.demo.SyntheticOutcomes;
import org.flipad.streams.registry.EmbeddedSchemaRegistry;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup stores under TopologyTestDriver, fed as the screening service feeds their topics. */
class LookupTopologyTest {

  private static final Topics TOPICS = Topics.defaults();
  private static final Duration RETENTION = Duration.ofMinutes(10);

  @TempDir Path stateDir;

  private final Instant start = Instant.parse("2026-12-02T03:00:00Z");
  private EmbeddedSchemaRegistry registry;
  private ServiceSerdes serdes;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> verdicts;
  private TestInputTopic<String, byte[]> deadLetters;
  private TestInputTopic<String, byte[]> images;
  private KeyValueStore<String, UploadOutcome> outcomes;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    HttpSchemaRegistryClient client =
        HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registry.uri()));
    serdes = ServiceSerdes.create(client, AvroSerdeSettings.defaults());
    serdes.registerAll(client, TOPICS);
    Topology topology = new Topology();
    LookupTopology.addTo(topology, TOPICS, serdes, RETENTION);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lookup-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(topology, props, start);
    StringSerializer keys = new StringSerializer();
    ByteArraySerializer values = new ByteArraySerializer();
    verdicts = driver.createInputTopic(TOPICS.verdicts(), keys, values);
    deadLetters = driver.createInputTopic(TOPICS.deadLetters(), keys, values);
    images = driver.createInputTopic(TOPICS.images(), keys, values);
    outcomes = driver.getKeyValueStore(LookupTopology.OUTCOMES_STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
    registry.close();
  }

  @Test
  void shouldKeepEveryFieldOfTheVerdictUnderItsUploadId() {
    sendVerdict("u-1", start);

    UploadOutcome outcome = outcomes.get("u-1");

    assertThat(outcome.outcome()).isEqualTo("VERDICT");
    assertThat(outcome.recordedAtMillis()).isEqualTo(start.toEpochMilli());
    assertThat(outcome.verdict().get("verdictId").asText()).isEqualTo("verdict-u-1");
    assertThat(outcome.verdict().get("models").get(0).get("pValue").asDouble()).isEqualTo(0.41);
    assertThat(outcome.verdict().get("decidedAt").asText()).isEqualTo(start.toString());
    assertThat(UploadOutcome.present(outcome.deadLetter())).isFalse();
  }

  @Test
  void shouldAnswerTheDeadLetterOfAnUploadThatEndedThere() {
    sendDeadLetter("u-2", start);

    UploadOutcome outcome = outcomes.get("u-2");

    assertThat(outcome.outcome()).isEqualTo("DEAD_LETTER");
    assertThat(outcome.deadLetter().get("reason").asText()).isEqualTo("TOO_MANY_PIXELS");
    assertThat(outcome.deadLetter().get("stage").asText()).isEqualTo("DECODE");
    assertThat(UploadOutcome.present(outcome.verdict())).isFalse();
  }

  @Test
  void shouldKeepTheVerdictWhenALaterDeadLetterRefusesTheSameId() {
    sendVerdict("u-3", start);
    sendDeadLetter("u-3", start.plusSeconds(5));

    UploadOutcome outcome = outcomes.get("u-3");

    assertThat(outcome.outcome()).isEqualTo("VERDICT");
    assertThat(outcome.verdict().get("verdictId").asText()).isEqualTo("verdict-u-3");
    assertThat(outcome.deadLetter().get("reason").asText()).isEqualTo("TOO_MANY_PIXELS");
    assertThat(outcome.recordedAtMillis()).isEqualTo(start.plusSeconds(5).toEpochMilli());
  }

  @Test
  void shouldSkipDeadLettersWithoutAnUploadIdAndValuesThatCannotBeRead() {
    deadLetters.pipeInput(
        null, serdes.deadLetters().serialize(TOPICS.deadLetters(), dead("x")), start);
    verdicts.pipeInput("garbage", new byte[] {0, 0, 0, 0, 99, 1, 2}, start);
    sendVerdict("u-4", start);

    assertThat(outcomes.get("garbage")).isNull();
    assertThat(outcomes.approximateNumEntries()).isEqualTo(1);
    assertThat(outcomes.get("u-4")).isNotNull();
  }

  @Test
  void shouldForgetOutcomesOlderThanTheRetentionAndKeepYoungerOnes() {
    sendVerdict("old", start);
    sendVerdict("young", start.plus(RETENTION).minusSeconds(30));

    driver.advanceWallClockTime(RETENTION.plusMinutes(1));

    assertThat(outcomes.get("old")).isNull();
    assertThat(outcomes.get("young")).isNotNull();
  }

  @Test
  void shouldArchiveImagesBySha256AndDropThemOnATombstone() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    images.pipeInput("ab".repeat(32), png, start);
    KeyValueStore<String, byte[]> archive = driver.getKeyValueStore(LookupTopology.IMAGES_STORE);

    assertThat(archive.get("ab".repeat(32))).isEqualTo(png);

    images.pipeInput("ab".repeat(32), null, start);
    assertThat(archive.get("ab".repeat(32))).isNull();
  }

  private void sendVerdict(String uploadId, Instant at) {
    verdicts.pipeInput(
        uploadId,
        serdes.verdicts().serialize(TOPICS.verdicts(), SyntheticOutcomes.verdict(uploadId, at)),
        at);
  }

  private void sendDeadLetter(String uploadId, Instant at) {
    deadLetters.pipeInput(
        uploadId, serdes.deadLetters().serialize(TOPICS.deadLetters(), dead(uploadId)), at);
  }

  private org.flipad.schema.DeadLetter dead(String uploadId) {
    return SyntheticOutcomes.deadLetter(uploadId, start);
  }
}
