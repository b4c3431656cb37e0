package org.flipad.streams.faults;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the fault suite does to the running processes while uploads stream in. */
public enum FaultScenario {
  /** SIGKILL of serve-1, worker-1, serve-2 and worker-2 in turn, each restarted at once. */
  KILL("kill", "kill -9 of serve ×2 and worker ×2, each restarted at once"),
  /** SIGKILL of worker-1 alone, restarted at once: the TIMEOUT cost of one worker crash. */
  WORKER_KILL("worker-kill", "kill -9 of one of two workers, restarted at once"),
  /** SIGSTOP of worker-1 for 30 s, then SIGCONT: a frozen process that still holds its sockets. */
  STOP("stop", "SIGSTOP of one of two workers for 30 s, then SIGCONT"),
  /** The broker stopped (SIGTERM) and started again on the same data. */
  BROKER_RESTART("broker-restart", "the broker stopped (SIGTERM) and started again on its data"),
  /** Poison records interleaved with the good uploads: one after every ten. */
  POISON(
      "poison",
      "bad Avro, huge declared lengths, a near-1 MiB record and hostile images, one after every"
          + " ten good uploads");

  private final String id;
  private final String description;

  FaultScenario(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The scenario's name on the command line and in reports. */
  public String id() {
    return id;
  }

  /** What is done, for reports. */
  public String description() {
    return description;
  }

  /**
   * The scenario named {@code id}.
   *
   * @throws IllegalArgumentException naming the known scenarios
   */
  public static FaultScenario fromId(String id) {
    for (FaultScenario scenario : values()) {
      if (scenario.id.equals(id)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "Unknown fault scenario '"
            + id
            + "'; choose from "
            + Arrays.stream(values()).map(FaultScenario::id).collect(Collectors.joining(", "))
            + ".");
  }
}
