package org.flipad.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class TorchEngineTest {

  @Test
  void autoPicksTheGpuWhenPyTorchSeesOneAndTheCpuOtherwise() {
    assertThat(TorchEngine.select(DeviceChoice.AUTO, 1)).isEqualTo(Device.gpu());
    assertThat(TorchEngine.select(DeviceChoice.AUTO, 0)).isEqualTo(Device.cpu());
  }

  @Test
  void aForcedCpuStaysOnTheCpuEvenWithAGpu() {
    assertThat(TorchEngine.select(DeviceChoice.CPU, 2)).isEqualTo(Device.cpu());
  }

  @Test
  void aRequiredGpuIsRefusedWithAReasonWhenThereIsNone() {
    assertThat(TorchEngine.select(DeviceChoice.GPU, 1)).isEqualTo(Device.gpu());
    assertThatThrownBy(() -> TorchEngine.select(DeviceChoice.GPU, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PyTorch sees none")
        .hasMessageContaining("AUTO or CPU");
  }

  @Test
  void theIntraOpPoolIsSizedForTheWholeProcess() {
    int before = TorchEngine.snapshot().intraOpThreads();
    try {
      TorchEngine.useIntraOpThreads(1);
      assertThat(TorchEngine.snapshot().intraOpThreads()).isEqualTo(1);
      TorchEngine.useIntraOpThreads(2);
      assertThat(TorchEngine.snapshot().intraOpThreads()).isEqualTo(2);
      assertThat(TorchEngine.snapshot().describe())
          .contains("PyTorch")
          .contains("GPU(s) visible")
          .contains("2 intra-op");
    } finally {
      TorchEngine.useIntraOpThreads(before);
    }
  }

  @Test
  void fewerThanOneThreadIsRefused() {
    assertThatThrownBy(() -> TorchEngine.useIntraOpThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
