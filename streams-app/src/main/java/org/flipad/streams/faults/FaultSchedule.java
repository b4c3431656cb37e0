package org.flipad.streams.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each {@link FaultScenario} does to which process, and after how many uploads: the faults of
 * one scenario keyed by the number of uploads sent before each.
 */
final class FaultSchedule {

  private FaultSchedule() {}

  /** An action on a process at a point of the stream. */
  interface Action {
    void run() throws IOException, InterruptedException;
  }

  /** A fault: what it does, as the report tells it, and the action that does it. */
  record Fault(String description, Action action) {
    void runUnchecked() {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The faults of {@code scenario}, keyed by how many of the {@code uploads} are sent first. */
  static Map<Integer, Fault> forScenario(
      FaultScenario scenario,
      int uploads,
      FlipadProcess broker,
      List<FlipadProcess> serves,
      List<FlipadProcess> workers) {
    Map<Integer, Fault> faults = new HashMap<>();
    switch (scenario) {
      case KILL -> {
        faults.put(uploads * 15 / 100, killAndRestart(serves.get(0)));
        faults.put(uploads * 35 / 100, killAndRestart(workers.get(0)));
        faults.put(uploads * 55 / 100, killAndRestart(serves.get(1)));
        faults.put(uploads * 75 / 100, killAndRestart(workers.get(1)));
      }
      case WORKER_KILL -> faults.put(uploads / 3, killAndRestart(workers.get(0)));
      case STOP -> {
        FlipadProcess worker = workers.get(0);
        faults.put(
            uploads / 4,
            new Fault(
                "SIGSTOP " + worker.name() + " for 30 s, then SIGCONT",
                () -> {
                  worker.pause();
                  Thread.sleep(30_000);
                  worker.resume();
                }));
      }
      case BROKER_RESTART ->
          faults.put(
              uploads * 2 / 5,
              new Fault(
                  "stop the broker (SIGTERM) and start it again on its data",
                  () -> {
                    broker.close();
                    broker.restart();
                    broker.awaitLogLine("bootstrap.servers=", ScenarioProcesses.START_TIMEOUT);
                  }));
      case POISON -> {
        // the poison records themselves are the fault
      }
    }
    return faults;
  }

  private static Fault killAndRestart(FlipadProcess process) {
    return new Fault(
        "kill -9 " + process.name() + ", restart it at once",
        () -> {
          process.kill();
          process.restart();
        });
  }
}
