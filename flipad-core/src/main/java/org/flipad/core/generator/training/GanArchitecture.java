package org.flipad.core.generator.training;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flipad.core.generator.adversary.ConvDiscriminator;
import org.flipad.core.generator.adversary.EnergyAutoencoder;
import org.flipad.core.generator.architecture.DcganGenerator;
import org.flipad.core.generator.architecture.GeneratorNetwork;
import org.flipad.core.generator.architecture.LsganGenerator;

/**
 * The zoo's four training recipes: generator network, adversary, objective and Adam settings.
 *
 * <p>Adversary widths (channels after the first convolution): 64 for the DCGAN and LSGAN
 * discriminators and the WGAN-GP critic, as in the reference; 32 for the EBGAN auto-encoder, whose
 * decoder doubles its cost. Adam: DCGAN's (2e-4, 0.5, 0.999) for all four, as the reference's
 * PyTorch-GAN scripts use, WGAN-GP included: with the paper's (1e-4, 0, 0.9) and a 32-wide critic,
 * 1,500 generator steps (8 epochs, 12 minutes here) still gave blocky, checkerboard samples.
 */
public enum GanArchitecture {
  /** DCGAN generator, BatchNorm discriminator, non-saturating loss. */
  DCGAN("dcgan", 64, AdamSettings.dcgan()),
  /** DCGAN generator, BatchNorm-free critic, Wasserstein loss with gradient penalty. */
  WGAN_GP("wgan-gp", 64, AdamSettings.dcgan()),
  /** LSGAN generator (convolutional final layer), BatchNorm discriminator, least squares. */
  LSGAN("lsgan", 64, AdamSettings.dcgan()),
  /** DCGAN generator, auto-encoder discriminator, margin energy loss with pull-away term. */
  EBGAN("ebgan", 32, AdamSettings.dcgan());

  private final String id;
  private final int adversaryWidth;
  private final AdamSettings adam;

  GanArchitecture(String id, int adversaryWidth, AdamSettings adam) {
    this.id = id;
    this.adversaryWidth = adversaryWidth;
    this.adam = adam;
  }

  /** The id used on the command line and in bundles, e.g. {@code wgan-gp}. */
  public String id() {
    return id;
  }

  /** Adam settings, the same for the generator and the adversary. */
  public AdamSettings adam() {
    return adam;
  }

  /** The id of the generator network this recipe trains ({@code dcgan} or {@code lsgan}). */
  public String networkArchitecture() {
    return this == LSGAN ? LsganGenerator.ARCHITECTURE : DcganGenerator.ARCHITECTURE;
  }

  /** The generator network with seeded initialisation. */
  public GeneratorNetwork newGenerator(long seed) {
    return this == LSGAN ? new LsganGenerator(seed) : new DcganGenerator(seed);
  }

  /** The objective with its adversary, seeded independently of the generator. */
  GanObjective newObjective(long seed) {
    return switch (this) {
      case DCGAN ->
          new NonSaturatingObjective(ConvDiscriminator.withBatchNorm(adversaryWidth, seed).block());
      case WGAN_GP ->
          new GradientPenaltyObjective(ConvDiscriminator.critic(adversaryWidth, seed).block());
      case LSGAN ->
          new LeastSquaresObjective(ConvDiscriminator.withBatchNorm(adversaryWidth, seed).block());
      case EBGAN -> new EnergyMarginObjective(new EnergyAutoencoder(adversaryWidth, seed));
    };
  }

  /**
   * The architecture with this id.
   *
   * @throws IllegalArgumentException naming the known ids
   */
  public static GanArchitecture fromId(String id) {
    for (GanArchitecture architecture : values()) {
      if (architecture.id.equals(id)) {
        return architecture;
      }
    }
    throw new IllegalArgumentException(
        "Unknown generator architecture '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(GanArchitecture::id).collect(Collectors.joining(", "))
            + ".");
  }
}
