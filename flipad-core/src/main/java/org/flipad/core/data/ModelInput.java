package org.flipad.core.data;

import java.nio.file.Path;

/**
 * One image as a model input, with where it came from.
 *
 * @param file the file it was read from
 * @param index its position within an IDX file, or -1 for a PNG/JPEG file
 * @param values {@code [C, H, W]} float32 in C order, in the output activation's range (see {@link
 *     ModelInputFormat})
 */
public record ModelInput(Path file, int index, float[] values) {}
