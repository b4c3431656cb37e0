package org.flipad.core.io;

import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.OutputActivation;

/**
 * A generator's final layer with its output activation, as stored in a final-layer description file
 * (see {@link FinalLayerFiles}).
 *
 * @param layer the final linear layer L(a) = W·a + b, weights float32
 * @param activation the output activation σ; may be {@link OutputActivation#RELU}, which inversion
 *     refuses through {@link OutputActivation#requireInvertible()}
 */
public record FinalLayerFile(FinalLayer layer, OutputActivation activation) {

  /** Validates that both parts are present. */
  public FinalLayerFile {
    if (layer == null || activation == null) {
      throw new IllegalArgumentException(
          "A final-layer file needs a layer and an activation; got layer="
              + layer
              + ", activation="
              + activation
              + ".");
    }
  }
}
