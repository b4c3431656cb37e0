package org.flipad.streams.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates, when absent, and checks a topic that a store reads as one ordered log: exactly one
 * partition, with the store's topic configs (e.g. compaction). Shared by the schema registry's
 * store and the model store.
 */
public final class SinglePartitionTopic {

  /** Pause between describes while a new topic's metadata propagates. */
  private static final long METADATA_RETRY_MILLIS = 50;

  private final String topic;
  private final Map<String, String> configs;
  private final Duration timeout;
  private final String role;
  private final String whyOnePartition;

  /**
   * @param topic the topic name
   * @param configs topic configs set when it is created (an existing topic's are not changed)
   * @param timeout bound on each admin call and on waiting for a new topic's metadata
   * @param role what the topic is, for messages, e.g. {@code "schema"} or {@code "model store"}
   * @param whyOnePartition why the store needs one partition, e.g. {@code "to keep the append
   *     order"}
   */
  public SinglePartitionTopic(
      String topic,
      Map<String, String> configs,
      Duration timeout,
      String role,
      String whyOnePartition) {
    this.topic = topic;
    this.configs = Map.copyOf(configs);
    this.timeout = timeout;
    this.role = role;
    this.whyOnePartition = whyOnePartition;
  }

  /**
   * Creates the topic when absent and checks it has one partition.
   *
   * @throws IllegalStateException when the topic cannot be described or created in time, or has
   *     another partition count
   */
  public void ensure(Map<String, Object> clientProperties) {
    try (Admin admin = Admin.create(clientProperties)) {
      Optional<TopicDescription> existing = describe(admin);
      if (existing.isEmpty()) {
        create(admin);
        existing = describeOnceCreated(admin);
      }
      int partitions = existing.map(d -> d.partitions().size()).orElse(0);
      if (partitions != 1) {
        throw new IllegalStateException(
            Character.toUpperCase(role.charAt(0))
                + role.substring(1)
                + " topic '"
                + topic
                + "' has "
                + partitions
                + " partitions; the store needs exactly 1 "
                + whyOnePartition
                + ". Point the store at another topic or recreate this one with 1 partition.");
      }
    }
  }

  /**
   * Describes a topic just created. Metadata reaches the broker answering after the controller
   * confirmed the creation, so a first describe may miss the topic or show it without partitions;
   * ask again until it shows partitions or the timeout passes.
   */
  private Optional<TopicDescription> describeOnceCreated(Admin admin) {
    // A bound on waiting for I/O, not logic: the monotonic clock, not an injected wall clock.
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<TopicDescription> described = describe(admin);
    while (described.map(d -> d.partitions().isEmpty()).orElse(true)
        && System.nanoTime() - deadline < 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(METADATA_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("describe", e);
      }
      described = describe(admin);
    }
    return described;
  }

  private Optional<TopicDescription> describe(Admin admin) {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failed("describe", e);
    } catch (TimeoutException e) {
      throw failed("describe", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("describe", e);
    }
  }

  private void create(Admin admin) {
    NewTopic created = new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs);
    try {
      admin.createTopics(List.of(created)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // Another instance created it between our describe and create: that is success.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failed("create", e);
      }
    } catch (TimeoutException e) {
      throw failed("create", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("create", e);
    }
  }

  private IllegalStateException failed(String action, Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    return new IllegalStateException(
        "Cannot "
            + action
            + " "
            + role
            + " topic '"
            + topic
            + "' within "
            + timeout
            + ": "
            + cause
            + ". Check bootstrap.servers and the client's security settings, and that the"
            + " principal may describe and create topics.",
        cause);
  }
}
