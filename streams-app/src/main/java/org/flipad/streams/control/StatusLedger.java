package org.flipad.streams.control;

import java.util.HashMap;
import java.util.Map;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.topic.TopicScan;

/** Reads the status topic to its end: the last status of every command id. */
final class StatusLedger {

  private StatusLedger() {}

  static Map<String, TrainingStatus> read(
      Map<String, Object> client, String topic, AvroSerde<TrainingStatus> serde) {
    Map<String, TrainingStatus> last = new HashMap<>();
    TopicScan.readToEnd(
        client,
        topic,
        (key, value) -> {
          TrainingStatus status = serde.deserialize(topic, value);
          last.put(status.getCommandId(), status);
        });
    return last;
  }
}
