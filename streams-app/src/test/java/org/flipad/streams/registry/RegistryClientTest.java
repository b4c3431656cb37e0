package org.flipad.streams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link HttpSchemaRegistryClient} against the embedded registry, counting server requests. */
@Timeout(20)
class RegistryClientTest {

  private static final Duration TTL = Duration.ofSeconds(30);

  private EmbeddedSchemaRegistry registry;
  private MutableClock clock;
  private HttpSchemaRegistryClient client;

  /** A clock the test advances. */
  static final class MutableClock implements InstantSource {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }
  }

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start();
    clock = new MutableClock();
    HttpRegistryClientSettings settings =
        HttpRegistryClientSettings.defaults(registry.uri()).withNotFoundTtl(TTL);
    client = new HttpSchemaRegistryClient(settings, HttpClient.newHttpClient(), clock);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private static Schema schema(String text) {
    return new Schema.Parser().parse(text);
  }

  @Test
  void shouldRegisterAndFetchByIdLatestAndLookup() {
    Schema v1 = schema(RegistryRestTest.V1);

    int id = client.register("things-value", v1);

    assertThat(client.schemaById(id)).contains(v1);
    assertThat(client.latest("things-value"))
        .hasValueSatisfying(
            latest -> {
              assertThat(latest.id()).isEqualTo(id);
              assertThat(latest.version()).isEqualTo(1);
              assertThat(latest.schema()).isEqualTo(v1);
            });
    assertThat(client.lookup("things-value", v1).map(RegisteredSchema::id)).contains(id);
    assertThat(client.latest("nothing-value")).isEmpty();
  }

  @Test
  void shouldServeCachedAnswersWithoutHttp() {
    Schema v1 = schema(RegistryRestTest.V1);
    int id = client.register("things-value", v1);
    client.lookup("things-value", v1);
    long before = registry.requestCount();

    client.schemaById(id);
    client.lookup("things-value", v1);
    client.register("things-value", v1);

    assertThat(registry.requestCount()).isEqualTo(before);
  }

  @Test
  void shouldMapIncompatibleAndInvalidSchemasToTheirErrors() {
    client.register("things-value", schema(RegistryRestTest.V1));

    assertThatThrownBy(() -> client.register("things-value", schema(RegistryRestTest.V2_REQUIRED)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RegistryError.INCOMPATIBLE_SCHEMA);
              assertThat(e.errorCode()).isEqualTo(40901);
            })
        .hasMessageContaining("409");
    assertThat(client.isCompatible("things-value", schema(RegistryRestTest.V2_REQUIRED))).isFalse();
    assertThat(client.isCompatible("things-value", schema(RegistryRestTest.V2_OPTIONAL))).isTrue();
    assertThat(client.isCompatible("new-value", schema(RegistryRestTest.V2_REQUIRED))).isTrue();
  }

  @Test
  void shouldNotRepeatANotFoundLookupWithinTheTtlAndRetryAfterIt() {
    Schema v1 = schema(RegistryRestTest.V1);
    long start = registry.requestCount();

    assertThat(client.schemaById(4242)).isEmpty();
    assertThat(client.lookup("things-value", v1)).isEmpty();
    clock.advance(TTL.minusSeconds(1));
    assertThat(client.schemaById(4242)).isEmpty();
    assertThat(client.lookup("things-value", v1)).isEmpty();
    assertThat(registry.requestCount() - start).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertThat(client.schemaById(4242)).isEmpty();
    assertThat(client.lookup("things-value", v1)).isEmpty();
    assertThat(registry.requestCount() - start).isEqualTo(4);
  }

  @Test
  void shouldForgetANotFoundAnswerOnceItRegisteredTheSchemaItself() {
    Schema v1 = schema(RegistryRestTest.V1);
    assertThat(client.lookup("things-value", v1)).isEmpty();

    int id = client.register("things-value", v1);

    assertThat(client.lookup("things-value", v1).map(RegisteredSchema::id)).contains(id);
  }

  @Test
  void shouldReportAnUnreachableRegistry() {
    registry.close();

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.error()).isEqualTo(RegistryError.UNREACHABLE))
        .hasMessageContaining("got no answer");
  }
}
