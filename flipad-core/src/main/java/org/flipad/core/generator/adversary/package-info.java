/**
 * The networks generators are trained against: the DCGAN/LSGAN discriminator, the WGAN-GP critic
 * and the EBGAN auto-encoder, for 28×28×1 images in [−1, 1].
 *
 * <p>Owns: DJL blocks with their documented layer lists and seeded initialisation.
 *
 * <p>Must not: compute losses or run training steps ({@code generator.training} does), or be needed
 * at serving time: none of these is saved in a generator bundle.
 */
package org.flipad.core.generator.adversary;
