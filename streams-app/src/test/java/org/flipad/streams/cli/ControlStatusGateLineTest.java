package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlStatusGateLineTest {

  @Test
  void shouldPrintEachSourcesTnrAgainstTheActiveAndTheMissRate() {
    Map<String, Double> extra =
        Map.of(
            "gate.operatingFnr", 0.05,
            "gate.fnr", 0.035,
            "gate.fnrBound", 0.1012,
            "gate.tnr.real-held-out", 0.755,
            "gate.activeTnr.real-held-out", 0.37,
            "gate.minTnr.real-held-out", 0.254,
            "gate.tnr.lsgan-seed2", 0.9,
            "gate.activeTnr.lsgan-seed2", 0.88,
            "gate.minTnr.lsgan-seed2", 0.84);

    assertThat(ControlStatusCommand.gateLine(extra))
        .hasValue(
            "       gate at FNR 5 %: lsgan-seed2 TNR 90.0 % (active 88.0 %, least 84.0 %),"
                + " real-held-out TNR 75.5 % (active 37.0 %, least 25.4 %); miss rate 3.5 %"
                + " (bound 10.1 %)");
  }

  @Test
  void shouldPrintNothingForAVersionWithoutGateFigures() {
    assertThat(ControlStatusCommand.gateLine(Map.of("auroc", 0.9))).isEmpty();
  }
}
