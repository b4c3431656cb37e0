package org.flipad.core.detector;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flipad.core.feature.FeatureShape;

/** Which network φ DeepSAD trains; the id is stored with a saved model. */
public enum DeepSadArchitecture {
  /** {@link LeNetNetwork}: convolutional, for C×H×W feature maps with H, W ≥ 4. */
  LENET("lenet"),
  /** {@link MlpNetwork}: fully connected, for vectors (or any flattened feature). */
  MLP("mlp"),
  /** {@link PaperNetwork}: the paper's three convolutions to a 128-dimensional φ, maps ≥ 8×8. */
  PAPER("paper");

  private final String id;

  DeepSadArchitecture(String id) {
    this.id = id;
  }

  /** The stable lower-case name, e.g. "lenet". */
  public String id() {
    return id;
  }

  /** A fresh network for features of {@code input}, initialised from {@code seed} when built. */
  public DeepSadNetwork newNetwork(FeatureShape input, long seed) {
    return switch (this) {
      case LENET -> LeNetNetwork.create(input, seed);
      case MLP -> MlpNetwork.create(input, seed);
      case PAPER -> PaperNetwork.create(input, seed);
    };
  }

  /**
   * The architecture named {@code id}.
   *
   * @throws IllegalArgumentException when no architecture has that id
   */
  public static DeepSadArchitecture fromId(String id) {
    for (DeepSadArchitecture architecture : values()) {
      if (architecture.id.equals(id)) {
        return architecture;
      }
    }
    throw new IllegalArgumentException(
        "DeepSAD architecture '"
            + id
            + "' is unknown; expected one of "
            + Arrays.stream(values()).map(DeepSadArchitecture::id).collect(Collectors.joining(", "))
            + ".");
  }
}
