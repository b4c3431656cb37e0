package org.flipad.streams.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates and checks the topic of a {@link KafkaModelStore}: one partition (so a manifest follows
 * its chunks), {@code cleanup.policy=compact} (so bundles never expire, and compaction drops only
 * duplicate copies), and {@code max.message.bytes} of {@value #MAX_MESSAGE_BYTES}, set on the topic
 * so a cluster with a smaller broker-wide limit still takes a full chunk.
 */
final class ModelStoreTopic {

  /** Kafka's default message limit (1 MiB plus the batch header), pinned on the topic. */
  static final int MAX_MESSAGE_BYTES = 1024 * 1024 + 12;

  /** Pause between describes while a new topic's metadata propagates. */
  private static final long METADATA_RETRY_MILLIS = 50;

  private ModelStoreTopic() {}

  /**
   * Creates the topic when absent and checks it has one partition.
   *
   * @throws IllegalStateException when the topic cannot be described or created in time, or has
   *     another partition count
   */
  static void ensure(Map<String, Object> clientProperties, KafkaModelStoreSettings settings) {
    try (Admin admin = Admin.create(clientProperties)) {
      Optional<TopicDescription> existing = describe(admin, settings);
      if (existing.isEmpty()) {
        create(admin, settings);
        existing = describeOnceCreated(admin, settings);
      }
      int partitions = existing.map(d -> d.partitions().size()).orElse(0);
      if (partitions != 1) {
        throw new IllegalStateException(
            "Model store topic '"
                + settings.topic()
                + "' has "
                + partitions
                + " partitions; the store needs exactly 1 so a manifest is read after its chunks."
                + " Point the store at another topic or recreate this one with 1 partition.");
      }
    }
  }

  /**
   * Describes a topic just created. Metadata reaches the broker answering after the controller
   * confirmed the creation, so a first describe may miss the topic or show it without partitions;
   * ask again until it shows partitions or the timeout passes.
   */
  private static Optional<TopicDescription> describeOnceCreated(
      Admin admin, KafkaModelStoreSettings settings) {
    // A bound on waiting for I/O, not logic: the monotonic clock, not an injected wall clock.
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    Optional<TopicDescription> described = describe(admin, settings);
    while (described.map(d -> d.partitions().isEmpty()).orElse(true)
        && System.nanoTime() - deadline < 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(METADATA_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("describe", settings, e);
      }
      described = describe(admin, settings);
    }
    return described;
  }

  private static Optional<TopicDescription> describe(
      Admin admin, KafkaModelStoreSettings settings) {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(settings.topic()))
              .allTopicNames()
              .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
              .get(settings.topic()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failed("describe", settings, e);
    } catch (TimeoutException e) {
      throw failed("describe", settings, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("describe", settings, e);
    }
  }

  private static void create(Admin admin, KafkaModelStoreSettings settings) {
    NewTopic topic =
        new NewTopic(settings.topic(), Optional.of(1), Optional.empty())
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    String.valueOf(MAX_MESSAGE_BYTES)));
    try {
      admin
          .createTopics(List.of(topic))
          .all()
          .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // Another store instance created it between our describe and create: that is success.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failed("create", settings, e);
      }
    } catch (TimeoutException e) {
      throw failed("create", settings, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("create", settings, e);
    }
  }

  private static IllegalStateException failed(
      String action, KafkaModelStoreSettings settings, Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    return new IllegalStateException(
        "Cannot "
            + action
            + " model store topic '"
            + settings.topic()
            + "' within "
            + settings.timeout()
            + ": "
            + cause
            + ". Check bootstrap.servers and the client's security settings, and that the"
            + " principal may describe and create topics.",
        cause);
  }
}
