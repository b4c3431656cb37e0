package org.flipad.core.generator.architecture;

/** Builds a generator network from the architecture id a bundle records. */
public final class GeneratorNetworks {
  private GeneratorNetworks() {}

  /**
   * The network for {@code architecture}, with seeded initial weights (replaced when weights are
   * loaded).
   *
   * @throws IllegalArgumentException naming the known ids
   */
  public static GeneratorNetwork forArchitecture(String architecture, long seed) {
    return switch (architecture) {
      case DcganGenerator.ARCHITECTURE -> new DcganGenerator(seed);
      case LsganGenerator.ARCHITECTURE -> new LsganGenerator(seed);
      default ->
          throw new IllegalArgumentException(
              "Unknown generator network '"
                  + architecture
                  + "'; this build knows "
                  + DcganGenerator.ARCHITECTURE
                  + " and "
                  + LsganGenerator.ARCHITECTURE
                  + ". Check the bundle's generator.json or upgrade flipad.");
    };
  }
}
