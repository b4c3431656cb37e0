package org.flipad.streams.topics;

import java.util.Map;

/**
 * A topic to create: name, partitions, replication and topic-level configs (e.g. {@code
 * cleanup.policy=compact}).
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {

  /** Copies the configs. */
  public TopicSpec {
    configs = Map.copyOf(configs);
  }
}
