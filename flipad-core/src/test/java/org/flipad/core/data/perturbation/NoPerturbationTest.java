package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/** The identity perturbation. */
class NoPerturbationTest {

  @Test
  void shouldReturnEqualPixelsWhenApplied() {
    Image8 image = PerturbationTestImages.textured(3, 16, 20, 1);
    assertThat(new NoPerturbation().apply(image, 42)).isEqualTo(image);
    assertThat(new NoPerturbation().id()).isEqualTo("none");
  }
}
