package org.flipad.core.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.compute.DeviceChoice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** FISTA on a GPU gives the CPU's answer; skipped, with the reason, where PyTorch sees no GPU. */
@Tag("gpu")
class FistaGpuTest {

  @Test
  void shouldMatchTheCpuObjectiveWhenRunOnAGpu() {
    Assumptions.assumeTrue(
        Engine.getEngine("PyTorch").getGpuCount() > 0,
        "PyTorch sees no GPU on this machine (CPU-only libtorch or no CUDA device)");
    SplittableRandom random = new SplittableRandom(3);
    ConvTransposeLayer layer =
        RandomLayers.convTranspose(
            random, new TensorShape(16, 7, 7), 3, new ConvGeometry(4, 2, 1), false);
    double[][] targets = LassoSolversTest.targets(random, layer, 4);
    FistaSettings settings = FistaSettings.defaults().withTolerance(1e-4);
    try (FistaSolver gpu = new FistaSolver(layer, 5e-4, settings.withDevice(DeviceChoice.GPU));
        FistaSolver cpu = new FistaSolver(layer, 5e-4, settings.withDevice(DeviceChoice.CPU))) {
      assertThat(gpu.device().isGpu()).isTrue();
      List<LassoResult> a = gpu.solve(LassoBatch.of(targets));
      List<LassoResult> b = cpu.solve(LassoBatch.of(targets));
      for (int n = 0; n < targets.length; n++) {
        assertThat(a.get(n).stopReason()).isEqualTo(StopReason.CERTIFIED);
        assertThat(a.get(n).objective())
            .isCloseTo(b.get(n).objective(), within(2e-4 * b.get(n).objective()));
      }
    }
  }
}
