package org.flipad.streams.faults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario of the fault suite counted. Good uploads must each end in exactly one terminal
 * record (verdict or dead letter) and one audit record; poison records must each end in one dead
 * letter.
 *
 * @param scenario what was done
 * @param sent good uploads the broker acknowledged
 * @param poisonSent poison records the broker acknowledged
 * @param terminals good uploads that ended (verdict or dead letter)
 * @param missing good uploads with no terminal record
 * @param duplicated good uploads with more than one terminal record
 * @param audited good uploads with an audit record
 * @param missingAudits good uploads with no audit record
 * @param duplicatedAudits good uploads with more than one audit record
 * @param timeouts good uploads that ended UNDECIDED with TIMEOUT
 * @param poisonDeadLettered poison records that ended in exactly one dead letter
 * @param outcomes good uploads by how they ended (decision or dead-letter reason)
 * @param notReadySamples {@code /ready} probes of serve and worker processes (every 500 ms, not
 *     counting processes the suite had taken down) that did not answer 200: a restarted process is
 *     not ready while it starts, any other is a fault
 * @param unexpectedExits serve and worker processes that exited although the suite did not stop
 *     them
 * @param p99Millis 99th percentile of the good uploads' end-to-end latency (verdicts only)
 * @param maxMillis the slowest verdict's end-to-end latency
 * @param reread records the suite's own reader was handed twice (same partition and offset, as
 *     after a broker restart) and counted once
 * @param seconds wall time from the first send to the end of the drain
 * @param faults what was done when, in order
 */
public record FaultReport(
    FaultScenario scenario,
    int sent,
    int poisonSent,
    int terminals,
    int missing,
    int duplicated,
    int audited,
    int missingAudits,
    int duplicatedAudits,
    int timeouts,
    int poisonDeadLettered,
    Map<String, Integer> outcomes,
    int notReadySamples,
    int unexpectedExits,
    long p99Millis,
    long maxMillis,
    int reread,
    double seconds,
    List<String> faults) {

  /** Whether nothing was lost or doubled. */
  public boolean conserved() {
    return missing == 0
        && duplicated == 0
        && missingAudits == 0
        && duplicatedAudits == 0
        && poisonDeadLettered == poisonSent
        && unexpectedExits == 0;
  }

  /** The header of {@link #tableRow()}. */
  public static String tableHeader() {
    return "| scenario | uploads sent | terminal | missing | duplicated | audited | audit missing |"
        + " audit duplicated | TIMEOUT | poison sent / dead-lettered | not-ready probes |"
        + " unexpected exits | p99 ms | max ms | seconds |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** One Markdown table row. */
  public String tableRow() {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d / %d | %d | %d | %d | %d | %.0f |",
        scenario.id(),
        sent,
        terminals,
        missing,
        duplicated,
        audited,
        missingAudits,
        duplicatedAudits,
        timeouts,
        poisonSent,
        poisonDeadLettered,
        notReadySamples,
        unexpectedExits,
        p99Millis,
        maxMillis,
        seconds);
  }
}
