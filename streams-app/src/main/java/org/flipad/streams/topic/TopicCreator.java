package org.flipad.streams.topic;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates missing topics through the Admin API. Existing topics are left as they are (configs are
 * not changed), so calling this on every start is safe; an existing topic with another partition
 * count is refused, since the topology's co-partitioning depends on it.
 */
public final class TopicCreator {

  private static final long TIMEOUT_SECONDS = 60;

  private TopicCreator() {}

  /**
   * Creates the topics of {@code specs} that do not exist yet, with the cluster's default
   * replication factor.
   *
   * @throws IllegalStateException when an existing topic has another partition count, or the
   *     cluster refuses or does not answer within a minute
   */
  public static void createMissing(Admin admin, Collection<TopicSpec> specs) {
    Map<String, KafkaFuture<Void>> results =
        admin
            .createTopics(
                specs.stream()
                    .map(
                        t ->
                            new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())
                                .configs(t.configs()))
                    .toList())
            .values();
    for (TopicSpec spec : specs) {
      try {
        await(results.get(spec.name()));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "Cannot create topic "
                  + spec.name()
                  + ": "
                  + e.getCause().getMessage()
                  + ". Check that this principal may create topics, or create it beforehand.",
              e.getCause());
        }
        requireSamePartitionCount(admin, spec);
      }
    }
  }

  private static void requireSamePartitionCount(Admin admin, TopicSpec spec) {
    TopicDescription existing;
    try {
      existing =
          await(admin.describeTopics(List.of(spec.name())).topicNameValues().get(spec.name()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot describe topic " + spec.name(), e.getCause());
    }
    int actual = existing.partitions().size();
    if (actual != spec.partitions()) {
      throw new IllegalStateException(
          "Topic "
              + spec.name()
              + " already exists with "
              + actual
              + " partitions, but "
              + spec.partitions()
              + " were requested; delete the topic (or the work directory) or ask for "
              + actual);
    }
  }

  private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The cluster did not answer within " + TIMEOUT_SECONDS + " s; check bootstrap.servers",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }
}
