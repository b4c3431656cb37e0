package org.flipad.core.generator.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AdversaryShapesTest {

  private static final Shape IMAGES = new Shape(5, 1, 28, 28);

  @Test
  void shouldScoreEachImageOnceWhenDiscriminating() {
    assertThat(ConvDiscriminator.withBatchNorm(8, 1).block().getOutputShapes(new Shape[] {IMAGES}))
        .containsExactly(new Shape(5, 1));
    assertThat(ConvDiscriminator.critic(8, 1).block().getOutputShapes(new Shape[] {IMAGES}))
        .containsExactly(new Shape(5, 1));
  }

  @Test
  void shouldEncodeTo7x7AndReconstructTheImageShapeWhenAutoencoding() {
    EnergyAutoencoder autoencoder = new EnergyAutoencoder(8, 1);
    Shape code = autoencoder.encoder().getOutputShapes(new Shape[] {IMAGES})[0];
    assertThat(code).isEqualTo(new Shape(5, 16, 7, 7));
    assertThat(autoencoder.decoder().getOutputShapes(new Shape[] {code})).containsExactly(IMAGES);
  }
}
