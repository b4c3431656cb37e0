/**
 * Adversarial training of the zoo's generators in DJL: the four objectives (DCGAN, WGAN-GP, LSGAN,
 * EBGAN), Adam with checkpointable state, and the training loop with progress, checkpoints and
 * per-epoch sample grids.
 *
 * <p>Talks to the PyTorch engine directly ({@code JniUtils}) for two things DJL's generic API
 * lacks: a backward pass that keeps and differentiates its graph (WGAN-GP's gradient penalty) and
 * grad mode without DJL's one-per-JVM {@code GradientCollector}.
 *
 * <p>{@link org.flipad.core.generator.training.AdamParameters}, {@link
 * org.flipad.core.generator.training.AdamSettings} and {@link
 * org.flipad.core.generator.training.Autograd} are public because the DeepSAD trainer ({@code
 * org.flipad.core.detector}) reuses them (coupled weight decay and the learning-rate scale exist
 * for it; the GAN recipes use neither).
 *
 * <p>Must not: write bundles or files other than the checkpoints it is asked for, invert, or know
 * about detectors and Kafka.
 */
package org.flipad.core.generator.training;
