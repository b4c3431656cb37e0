package org.flipad.streams.topic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create: its name, partition count and topic-level configs (for example {@code
 * cleanup.policy=compact}). The replication factor is the broker's default, 1 on the embedded
 * broker.
 *
 * @param name topic name, not blank
 * @param partitions partition count, at least 1
 * @param configs topic-level configs, copied; empty for the broker defaults
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  /** Validates the fields and copies the configs. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Topic name is blank; give the topic a name");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Topic " + name + " has " + partitions + " partitions; it needs at least 1");
    }
    configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
  }

  /** A topic with {@code partitions} partitions and the broker's default configs. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** This topic with one more config; a key already present is replaced. */
  public TopicSpec withConfig(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(configs);
    merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TopicSpec(name, partitions, merged);
  }

  /** This topic with {@code cleanup.policy=compact} (latest value per key is kept). */
  public TopicSpec compacted() {
    return withConfig("cleanup.policy", "compact");
  }
}
