package org.flipad.streams.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.topic.TopicScan;

/**
 * The status topic as the trainer's ledger: the last status of every command id, and which ids were
 * accepted (so they must never run again, however old).
 */
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

  /**
   * The ids of commands that were accepted: every id whose last status is not REJECTED. A rejected
   * id (a forged or malformed command) does not use the id up, as in the replay memory.
   */
  static Set<String> acceptedIds(Map<String, TrainingStatus> last) {
    return last.values().stream()
        .filter(status -> status.getState() != TrainingState.REJECTED)
        .map(TrainingStatus::getCommandId)
        .collect(Collectors.toUnmodifiableSet());
  }
}
