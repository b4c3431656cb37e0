package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flipad.core.attribution.NegativeSource.Kind;
import org.flipad.streams.control.GateEvidence.SourceCounts;
import org.junit.jupiter.api.Test;

class QualityGateTest {

  private static final QualityGateSettings STRICT =
      QualityGateSettings.defaults().withSlackSigmas(0);
  private static final QualityGate GATE = new QualityGate(QualityGateSettings.defaults());

  @Test
  void shouldAcceptWhenEverySourceIsAsGoodAndTheFnrIsWithinItsBound() {
    GateEvidence evidence =
        paired(
            5, // 1 % missed at q = 5 %
            new SourceCounts("real", Kind.REAL, 500, 480, 478, 6),
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 460, 462, 10));

    QualityGate.GateVerdict verdict = GATE.judge(evidence);

    assertThat(verdict.passed()).as(verdict.reason()).isTrue();
    assertThat(verdict.figures())
        .containsEntry("gate.tnr.real", 0.96)
        .containsEntry("gate.activeTnr.real", 0.956)
        .containsEntry("gate.tnr.lsgan-seed2", 0.92)
        .containsEntry("gate.fnr", 0.01)
        .containsEntry("gate.samples", 500.0)
        .containsKeys("gate.minTnr.real", "gate.fnrBound");
  }

  @Test
  void shouldRefuseNamingTheSourceWhenOneSourceIsWorseThanTheActiveBeyondTheTolerance() {
    GateEvidence evidence =
        paired(
            5,
            new SourceCounts("real", Kind.REAL, 500, 480, 478, 6),
            // 85 % vs 92 %: 7 points worse; allowed 2 + 2·√45/500 = 4.7 points.
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 425, 460, 45));

    QualityGate.GateVerdict verdict = GATE.judge(evidence);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.refusals()).hasSize(1);
    assertThat(verdict.reason())
        .contains("Quality gate")
        .contains("'lsgan-seed2' (another generator)")
        .contains("refuses 85.0 %")
        .contains("active version 3 refuses 92.0 %")
        .contains("7.0 points worse, more than the 4.7 allowed")
        .contains("tolerance 2.0")
        .contains("sampling slack 2.7 from 45 images")
        .contains("retrain with more samples or epochs");
    assertThat(verdict.figures()).containsEntry("gate.activeTnr.lsgan-seed2", 0.92);
  }

  @Test
  void shouldAcceptADropWithinToleranceAndRefuseTheSameDropWithoutIt() {
    GateEvidence evidence = paired(5, new SourceCounts("real", Kind.REAL, 500, 470, 478, 8));

    assertThat(new QualityGate(STRICT).judge(evidence).passed()).isTrue(); // 1.6 points ≤ 2
    assertThat(new QualityGate(STRICT.withTnrTolerance(0.01)).judge(evidence).passed()).isFalse();
  }

  @Test
  void shouldAllowMoreDropWhenMoreImagesAreJudgedDifferently() {
    // 5 points worse: refused with 20 discordant images (allowed 2 + 2.2), accepted with 100
    // (allowed 2 + 5).
    GateEvidence few = paired(5, new SourceCounts("real", Kind.REAL, 400, 360, 380, 20));
    GateEvidence many = paired(5, new SourceCounts("real", Kind.REAL, 400, 360, 380, 100));

    assertThat(GATE.judge(few).passed()).isFalse();
    assertThat(GATE.judge(many).passed()).isTrue();
  }

  @Test
  void shouldRefuseAFirstVersionBelowTheRealMinimumNamingTheFlag() {
    GateEvidence evidence =
        first(
            5,
            new SourceCounts("fashion-mnist test", Kind.REAL, 500, 450, 0, 0),
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 460, 0, 0));

    QualityGate.GateVerdict verdict = GATE.judge(evidence);

    assertThat(verdict.refusals()).hasSize(1);
    assertThat(verdict.reason())
        .contains("dcgan-seed1 has no active version")
        .contains("'fashion-mnist test' (real images) it refuses 90.0 %")
        .contains("below the minimum 95.0 % for real images (--gate-min-real-tnr)");
    assertThat(verdict.figures())
        .containsEntry("gate.minTnr.fashion-mnist test", 0.95)
        .doesNotContainKey("gate.activeTnr.fashion-mnist test");
  }

  @Test
  void shouldRefuseAFirstVersionBelowTheGeneratorMinimum() {
    GateEvidence evidence =
        first(
            5,
            new SourceCounts("real", Kind.REAL, 500, 490, 0, 0),
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 440, 0, 0));

    QualityGate.GateVerdict verdict = GATE.judge(evidence);

    assertThat(verdict.refusals()).hasSize(1);
    assertThat(verdict.reason())
        .contains("'lsgan-seed2' (another generator) it refuses 88.0 %")
        .contains("minimum 90.0 % for another generator's samples (--gate-min-generator-tnr)");
  }

  @Test
  void shouldAcceptAFirstVersionMeetingTheMinimums() {
    GateEvidence evidence =
        first(
            5,
            new SourceCounts("real", Kind.REAL, 500, 476, 0, 0),
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 451, 0, 0));

    assertThat(GATE.judge(evidence).passed()).isTrue();
  }

  @Test
  void shouldRefuseWhenTheCandidateMissesMoreTargetSamplesThanTheFnrBoundAllows() {
    // q = 5 %, n = 500: bound 5 % + 3·√(0.0475/500) + 0.2 % = 8.1 %; 9 % missed.
    GateEvidence evidence = paired(45, new SourceCounts("real", Kind.REAL, 500, 480, 478, 6));

    QualityGate.GateVerdict verdict = GATE.judge(evidence);

    assertThat(verdict.refusals()).hasSize(1);
    assertThat(verdict.reason())
        .contains("on 500 fresh samples of dcgan-seed1 the candidate misses 9.0 % at FNR 5.0 %")
        .contains("allowed up to 8.1 %");
    assertThat(QualityGate.fnrBound(0.05, 500))
        .isCloseTo(0.0812, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void shouldReportEveryFailingCheck() {
    GateEvidence evidence =
        paired(
            45,
            new SourceCounts("real", Kind.REAL, 500, 400, 478, 80),
            new SourceCounts("lsgan-seed2", Kind.GENERATOR, 500, 300, 460, 160));

    assertThat(GATE.judge(evidence).refusals()).hasSize(3);
  }

  @Test
  void shouldCountPairedDecisionsOnTheSameImages() {
    SourceCounts counts =
        SourceCounts.paired(
            "real",
            Kind.REAL,
            new boolean[] {true, true, false, false},
            new boolean[] {true, false, true, true});

    assertThat(counts).isEqualTo(new SourceCounts("real", Kind.REAL, 4, 2, 3, 3));
  }

  @Test
  void shouldRefuseInconsistentCountsAndUnpairedDecisions() {
    assertThatThrownBy(() -> new SourceCounts("real", Kind.REAL, 10, 11, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inconsistent");
    assertThatThrownBy(
            () ->
                SourceCounts.paired(
                    "real", Kind.REAL, new boolean[] {true}, new boolean[] {true, false}))
        .hasMessageContaining("same images");
  }

  @Test
  void shouldRefuseSettingsOutsideTheirRangesSayingWhichFlag() {
    assertThatThrownBy(() -> QualityGateSettings.defaults().withTnrTolerance(2))
        .hasMessageContaining("--gate-tnr-tolerance");
    assertThatThrownBy(() -> QualityGateSettings.defaults().withSamples(5))
        .hasMessageContaining("--gate-samples");
  }

  private static GateEvidence paired(int missedOf500, SourceCounts... sources) {
    return new GateEvidence("dcgan-seed1", 0.05, 3, 500, missedOf500, List.of(sources));
  }

  private static GateEvidence first(int missedOf500, SourceCounts... sources) {
    return new GateEvidence("dcgan-seed1", 0.05, 0, 500, missedOf500, List.of(sources));
  }
}
