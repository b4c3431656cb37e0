package org.flipad.streams.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Static group membership for the screening service's main consumer ({@code flipad serve}): the
 * Kafka settings that let a restarted instance take its partitions back without a rebalance, and a
 * killed one be replaced after a short session.
 */
final class StaticMembership {

  private StaticMembership() {}

  /** Session timeout of a static member: how long a killed instance's partitions wait. */
  static final int STATIC_SESSION_TIMEOUT_MS = 10_000;

  /**
   * {@code kafka} with the main consumer joining as a static member ({@code group.instance.id} =
   * the instance name; Kafka Streams adds "-<thread>") and a 10 s session, unless the properties
   * set either themselves: a restarted instance then takes its partitions back without a rebalance,
   * and a killed one is replaced after 10 s instead of Kafka's 45 s.
   */
  static Map<String, Object> withStaticMembership(Map<String, Object> kafka, ServiceConfig config) {
    Optional<String> member = config.staticMemberId();
    if (member.isEmpty()) {
      return kafka;
    }
    Map<String, Object> props = new HashMap<>(kafka);
    String instanceKey = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    boolean set =
        props.keySet().stream().anyMatch(k -> k.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    if (!set) {
      props.put(instanceKey, member.get());
    }
    String sessionKey = StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    if (props.keySet().stream()
        .noneMatch(k -> k.endsWith(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))) {
      props.put(sessionKey, STATIC_SESSION_TIMEOUT_MS);
      props.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
    }
    return Map.copyOf(props);
  }
}
