package org.flipad.streams;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** The tests' in-JVM Kafka: one combined broker and controller (KafkaClusterTestKit), started. */
public final class InJvmKafka {

  private InJvmKafka() {}

  /**
   * Formats and starts a single-node cluster and waits until its broker is ready; the caller closes
   * it. Internal topics (offsets, transactions) are sized for the one broker, so consumer groups
   * and transactions work.
   */
  public static KafkaClusterTestKit start() throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return cluster;
  }
}
