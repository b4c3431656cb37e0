package org.flipad.streams.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flipad.core.metric.NearestRank;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.demo.Terminal;
import org.flipad.streams.demo.TerminalCollector;

/**
 * Counts what one scenario's acknowledged records led to, as read back by the collector: how many
 * ended, went missing or were doubled, in the terminal and in the audit records, into a {@link
 * FaultReport}.
 */
final class FaultTally {

  private FaultTally() {}

  static FaultReport count(
      FaultScenario scenario,
      TerminalCollector collector,
      Set<String> good,
      Set<String> poison,
      ReadinessProbe probe,
      double seconds,
      List<String> faultLog,
      int sendFailures) {
    Map<String, Terminal> ended = collector.terminals();
    Map<String, Integer> terminalCounts = collector.terminalCounts();
    Map<String, Integer> auditCounts = collector.auditCounts();
    int terminals = 0;
    int duplicated = 0;
    int audited = 0;
    int duplicatedAudits = 0;
    int timeouts = 0;
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    for (String id : good) {
      Terminal t = ended.get(id);
      if (t != null) {
        terminals++;
        if (t.decision() != null) {
          latencies.add(t.endToEndMillis());
        }
        String outcome =
            t.decision() != null
                ? t.decision() + (t.detail() == null ? "" : " " + t.detail())
                : "dead letter " + t.deadLetter();
        outcomes.merge(outcome, 1, Integer::sum);
        if (UndecidedReason.TIMEOUT.name().equals(t.detail()) && t.decision() != null) {
          timeouts++;
        }
      }
      duplicated += terminalCounts.getOrDefault(id, 0) > 1 ? 1 : 0;
      int audits = auditCounts.getOrDefault(id, 0);
      audited += audits > 0 ? 1 : 0;
      duplicatedAudits += audits > 1 ? 1 : 0;
    }
    int poisonDeadLettered = 0;
    for (String id : poison) {
      Terminal t = ended.get(id);
      if (t != null && t.deadLetter() != null && terminalCounts.getOrDefault(id, 0) == 1) {
        poisonDeadLettered++;
      }
    }
    List<String> notes = new ArrayList<>(faultLog);
    if (sendFailures > 0) {
      notes.add(sendFailures + " sends were not acknowledged by the broker and are not counted");
    }
    return new FaultReport(
        scenario,
        good.size(),
        poison.size(),
        terminals,
        good.size() - terminals,
        duplicated,
        audited,
        good.size() - audited,
        duplicatedAudits,
        timeouts,
        poisonDeadLettered,
        outcomes,
        probe.notReady(),
        probe.unexpectedExits(),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0),
        collector.reread(),
        seconds,
        notes);
  }

  /** The nearest-rank percentile of {@code values} (0 for none). */
  static long percentile(List<Long> values, double fraction) {
    return NearestRank.of(values, fraction, 0);
  }
}
