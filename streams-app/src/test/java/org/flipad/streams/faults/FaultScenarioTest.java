package org.flipad.streams.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultScenarioTest {

  @Test
  void shouldFindEachScenarioByItsCommandLineName() {
    for (FaultScenario scenario : FaultScenario.values()) {
      assertThat(FaultScenario.fromId(scenario.id())).isSameAs(scenario);
    }
  }

  @Test
  void shouldNameTheKnownScenariosWhenOneIsMisspelt() {
    assertThatThrownBy(() -> FaultScenario.fromId("kil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'kil'")
        .hasMessageContaining("kill, worker-kill, stop, broker-restart, poison");
  }

  private static FaultReport report(int missing, int duplicated, int missingAudits, int poison) {
    return new FaultReport(
        FaultScenario.KILL,
        100,
        5,
        100 - missing,
        missing,
        duplicated,
        100 - missingAudits,
        missingAudits,
        0,
        3,
        poison,
        Map.of("ATTRIBUTED", 50),
        7,
        0,
        900,
        4_100,
        20,
        12.5,
        List.of());
  }

  @Test
  void shouldCallARunConservedOnlyWhenNothingIsLostOrDoubled() {
    assertThat(report(0, 0, 0, 5).conserved()).isTrue();
    assertThat(report(1, 0, 0, 5).conserved()).isFalse();
    assertThat(report(0, 1, 0, 5).conserved()).isFalse();
    assertThat(report(0, 0, 1, 5).conserved()).isFalse();
    assertThat(report(0, 0, 0, 4).conserved()).isFalse();
    assertThat(report(0, 0, 0, 5).tableRow())
        .isEqualTo(
            "| kill | 100 | 100 | 0 | 0 | 100 | 0 | 0 | 3 | 5 / 5 | 7 | 0 | 900 | 4100 | 13 |");
  }

  @Test
  void shouldTakeTheNearestRankPercentile() {
    List<Long> latencies = List.of(50L, 10L, 40L, 30L, 20L);
    assertThat(FaultTally.percentile(latencies, 0.5)).isEqualTo(30);
    assertThat(FaultTally.percentile(latencies, 0.99)).isEqualTo(50);
    assertThat(FaultTally.percentile(latencies, 1.0)).isEqualTo(50);
    assertThat(FaultTally.percentile(List.of(), 0.99)).isZero();
  }
}
