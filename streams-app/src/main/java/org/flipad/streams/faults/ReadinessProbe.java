package org.flipad.streams.faults;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every serve and worker process's {@code /ready} every 500 ms while uploads stream,
 * skipping the ones the suite has taken down, and notes any that exits unasked.
 */
final class ReadinessProbe implements AutoCloseable {
  private final List<FlipadProcess> processes;
  private final AtomicInteger notReady = new AtomicInteger();
  private final Set<String> exited = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "readiness-probe");
            t.setDaemon(true);
            return t;
          });

  ReadinessProbe(List<FlipadProcess> processes) {
    this.processes = List.copyOf(processes);
    timer.scheduleWithFixedDelay(this::probe, 500, 500, TimeUnit.MILLISECONDS);
  }

  private void probe() {
    for (FlipadProcess p : processes) {
      if (p.exitedUnexpectedly()) {
        exited.add(p.name());
      } else if (!p.downOnPurpose() && !p.ready()) {
        notReady.incrementAndGet();
      }
    }
  }

  int notReady() {
    return notReady.get();
  }

  int unexpectedExits() {
    return exited.size();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
