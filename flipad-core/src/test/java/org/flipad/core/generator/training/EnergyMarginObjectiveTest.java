package org.flipad.core.generator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EnergyMarginObjectiveTest {

  @Test
  void shouldBeZeroForOrthogonalCodesAndOneForParallelCodesWhenPullingAway() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] orthogonal = {1, 0, 0, 0, 3, 0, 0, 0, 2};
      float[] parallel = {1, 2, 3, 2, 4, 6, -1, -2, -3};
      assertThat(
              EnergyMarginObjective.pullAway(manager.create(orthogonal, new Shape(3, 3)))
                  .getFloat())
          .isCloseTo(0f, within(1e-6f));
      assertThat(
              EnergyMarginObjective.pullAway(manager.create(parallel, new Shape(3, 3))).getFloat())
          .isCloseTo(1f, within(1e-5f));
    }
  }

  @Test
  void shouldAverageSquaredCosinesOverDistinctPairsWhenCodesAreMixed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Codes (1,0), (1,1), (0,1): cos² = ½, 0, ½ for the pairs (1,2), (1,3), (2,3).
      float[] codes = {1, 0, 1, 1, 0, 1};
      assertThat(EnergyMarginObjective.pullAway(manager.create(codes, new Shape(3, 2))).getFloat())
          .isCloseTo(1f / 3, within(1e-6f));
    }
  }
}
