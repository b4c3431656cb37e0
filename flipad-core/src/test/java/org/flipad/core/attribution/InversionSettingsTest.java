package org.flipad.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import org.flipad.core.inversion.ConvGeometry;
import org.flipad.core.inversion.ConvTransposeLayer;
import org.flipad.core.inversion.FistaSolver;
import org.flipad.core.inversion.LaneFistaSolver;
import org.flipad.core.inversion.LassoSolver;
import org.flipad.core.inversion.MinimumNormSolver;
import org.flipad.core.inversion.TensorShape;
import org.flipad.core.inversion.WorkingSetSolver;
import org.junit.jupiter.api.Test;

class InversionSettingsTest {

  private static ConvTransposeLayer layer() {
    float[] weight = new float[4 * 1 * 4 * 4];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) Math.sin(i + 1) * 0.02f;
    }
    return new ConvTransposeLayer(
        new TensorShape(4, 3, 3), 1, new ConvGeometry(4, 2, 1), weight, null);
  }

  @Test
  void shouldBuildEachRecipesSolverAndRunThePaperScheduleOnTheCpuKernelWithoutAGpu() {
    boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
    try (LassoSolver minNorm = InversionSettings.of(InversionRecipe.MIN_NORM).newSolver(layer());
        LassoSolver paper = InversionSettings.of(InversionRecipe.PAPER).newSolver(layer());
        LassoSolver legacy = InversionSettings.of(InversionRecipe.WORKING_SET).newSolver(layer())) {
      assertThat(minNorm).isInstanceOf(MinimumNormSolver.class);
      assertThat(legacy).isInstanceOf(WorkingSetSolver.class);
      // The device choice: DJL tensors (FistaSolver) when PyTorch sees a GPU, the fused CPU
      // kernel otherwise. Both run the same schedule under the same name.
      assertThat(paper).isInstanceOf(gpu ? FistaSolver.class : LaneFistaSolver.class);
      assertThat(paper.name()).isEqualTo("fista-reference");
      assertThat(InversionSettings.of(InversionRecipe.PAPER).startsAtMeanActivation()).isTrue();
      assertThat(InversionSettings.of(InversionRecipe.MIN_NORM).startsAtMeanActivation()).isFalse();
    }
  }
}
