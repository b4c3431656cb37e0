package org.flipad.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flipad.core.progress.ProgressListener;
import org.flipad.streams.cli.FlipadCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite on a small scale, as separate OS processes: a worker killed with SIGKILL and
 * restarted, and poison records interleaved with good uploads. Every good upload must end exactly
 * once with exactly one audit record, and every poison record in exactly one dead letter.
 */
class FaultSuiteIT {

  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final Path ZOO = Path.of("../models/zoo");

  @TempDir Path work;

  private FaultSuite suite(int uploads) {
    return new FaultSuite(
        new FaultSuite.Settings(
            work, ZOO, "dcgan-seed1", DETECTOR, uploads, 4, null, FlipadCommand.class.getName()),
        ProgressListener.NONE);
  }

  @Test
  void shouldEndEveryUploadOnceWhenAWorkerIsKilledAndRestarted() throws Exception {
    FaultReport report = suite(40).run(FaultScenario.WORKER_KILL);

    assertThat(report.faults()).anyMatch(f -> f.contains("kill -9 worker-1"));
    assertThat(report.sent()).isEqualTo(40);
    assertThat(report.missing()).isZero();
    assertThat(report.duplicated()).isZero();
    assertThat(report.missingAudits()).isZero();
    assertThat(report.duplicatedAudits()).isZero();
    assertThat(report.conserved()).isTrue();
    // The surviving worker and the restarted one decide most uploads; a kill costs at most the
    // uploads of the killed worker's partition during its restart.
    assertThat(report.outcomes().getOrDefault("ATTRIBUTED", 0)).isPositive();
    assertThat(report.outcomes().getOrDefault("NOT_ATTRIBUTED", 0)).isPositive();
    assertThat(report.timeouts()).isLessThan(20);
    assertThat(report.unexpectedExits()).isZero();
  }

  @Test
  void shouldDeadLetterEveryPoisonRecordAndDecideEveryGoodUpload() throws Exception {
    FaultReport report = suite(40).run(FaultScenario.POISON);

    assertThat(report.poisonSent()).isEqualTo(4);
    assertThat(report.poisonDeadLettered()).isEqualTo(4);
    assertThat(report.missing()).isZero();
    assertThat(report.duplicated()).isZero();
    assertThat(report.missingAudits()).isZero();
    assertThat(report.timeouts()).isZero();
    // Poison never takes a process down or out of readiness.
    assertThat(report.notReadySamples()).isZero();
    assertThat(report.unexpectedExits()).isZero();
    assertThat(report.conserved()).isTrue();
  }
}
