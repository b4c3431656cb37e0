package org.flipad.streams.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates missing topics through the Admin API; existing topics are left as they are. */
public final class TopicCreator {

  private TopicCreator() {}

  /**
   * Creates every topic of {@code specs} that does not exist yet.
   *
   * @param clientProperties Kafka client settings (bootstrap servers, security), passed unchanged
   * @return the names that were created
   * @throws IllegalStateException when the cluster does not answer within a minute or refuses
   */
  public static List<String> createMissing(
      Map<String, Object> clientProperties, Collection<TopicSpec> specs) {
    try (Admin admin = Admin.create(clientProperties)) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : specs) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                  .configs(spec.configs()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Could not create the topics "
              + specs.stream().map(TopicSpec::name).toList()
              + " (cause: "
              + e.getMessage()
              + "). Check bootstrap.servers and that this principal may create topics, or create"
              + " them beforehand.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }
}
