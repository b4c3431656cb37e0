/**
 * Image inputs: IDX datasets (MNIST, Fashion-MNIST), safe PNG/JPEG decoding, PNG writing, the 8-bit
 * ↔ [−1, 1] pixel scaling the models expect, and the conversion of image files and bytes into model
 * inputs.
 *
 * <p>Owns: {@link org.flipad.core.data.Image8} (8-bit C×H×W pixels), streaming IDX reading, the
 * decode safety checks (format allow-list by magic bytes, byte cap, pixel cap read from the header
 * before decoding, corrupt-file detection) with their {@link
 * org.flipad.core.data.ImageRejection.Reason} codes, and colour-mode conversion. {@link
 * org.flipad.core.data.ModelInputFormat} derives from a final layer the colour mode, exact size and
 * pixel scaling its images have, and turns an {@link org.flipad.core.data.Image8} or encoded
 * PNG/JPEG bytes into a model input; {@link org.flipad.core.data.ModelInputFiles} streams PNG, JPEG
 * and IDX files as {@link org.flipad.core.data.ModelInput}s, size-checked from headers up front.
 *
 * <p>Datasets: {@link org.flipad.core.data.FashionMnist} (a committed 2,000-image test subset on
 * the classpath, with its provenance, and the full splits from the Debian package directory),
 * {@link org.flipad.core.data.ImageFolder} (the PNG/JPEG files of one folder in name order), {@link
 * org.flipad.core.data.TrainingImages} (a training set as bytes, served as seeded shuffled
 * mini-batches in [−1, 1]) and {@link org.flipad.core.data.ImageGrid} (sample grids).
 *
 * <p>Must not: import Kafka or DJL (it hands out Java arrays and records); depend on any {@code
 * org.flipad} package other than the public layer records of {@code org.flipad.core.inversion}
 * ({@code FinalLayer}, {@code FinalLayerKind}, {@code OutputActivation}, {@code TensorShape};
 * inversion must never import this package); resize images; decode an image before its header
 * dimensions passed the pixel cap; pick a decoder by file extension or let ImageIO choose one for
 * an arbitrary format; keep a whole IDX file in memory when streaming; download datasets (missing
 * files are an error saying how to install them); read configuration itself (limits arrive as a
 * {@link org.flipad.core.data.DecodeLimits} record).
 */
package org.flipad.core.data;
