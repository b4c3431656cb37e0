package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeStaticMembershipTest {

  private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "kafka:9092");

  @Test
  void shouldJoinAsAStaticMemberNamedByTheConfiguredInstance() {
    ServiceConfig config =
        ServiceConfig.load(
            null, Map.of("HOSTNAME", "pod-7"), Map.of("flipad.screening.instance", "serve-a"));
    Map<String, Object> props = StaticMembership.withStaticMembership(KAFKA, config);
    assertThat(props)
        .containsEntry("main.consumer.group.instance.id", "serve-a")
        .containsEntry("main.consumer.session.timeout.ms", 10_000)
        .containsEntry("main.consumer.heartbeat.interval.ms", 3_000)
        .containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void shouldUseThePodNameWhenNoInstanceIsConfigured() {
    ServiceConfig config = ServiceConfig.load(null, Map.of("HOSTNAME", "serve-0"), Map.of());
    assertThat(StaticMembership.withStaticMembership(KAFKA, config))
        .containsEntry("main.consumer.group.instance.id", "serve-0");
  }

  @Test
  void shouldStayADynamicMemberWhenNoNameIsKnown() {
    // A shared fallback name would make two instances on one machine fence each other.
    ServiceConfig config = ServiceConfig.load(null, Map.of(), Map.of());
    assertThat(StaticMembership.withStaticMembership(KAFKA, config)).isEqualTo(KAFKA);
  }

  @Test
  void shouldKeepTheOperatorsOwnGroupSettings() {
    ServiceConfig config = ServiceConfig.load(null, Map.of("HOSTNAME", "serve-0"), Map.of());
    Map<String, Object> own =
        Map.of(
            "bootstrap.servers", "kafka:9092",
            "consumer.group.instance.id", "mine",
            "session.timeout.ms", 30_000);
    assertThat(StaticMembership.withStaticMembership(own, config)).isEqualTo(own);
  }
}
