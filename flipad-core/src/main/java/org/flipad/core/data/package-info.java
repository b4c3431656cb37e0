/**
 * Image inputs: IDX datasets (MNIST, Fashion-MNIST), safe PNG/JPEG decoding, PNG writing and the
 * 8-bit ↔ [−1, 1] pixel scaling the models expect.
 *
 * <p>Owns: {@link org.flipad.core.data.Image8} (8-bit C×H×W pixels), streaming IDX reading, the
 * decode safety checks (format allow-list by magic bytes, byte cap, pixel cap read from the header
 * before decoding, corrupt-file detection) with their {@link
 * org.flipad.core.data.ImageRejection.Reason} codes, and colour-mode conversion.
 *
 * <p>Must not: import Kafka or DJL (it hands out Java arrays and records); decode an image before
 * its header dimensions passed the pixel cap; pick a decoder by file extension or let ImageIO
 * choose one for an arbitrary format; keep a whole IDX file in memory when streaming; read
 * configuration itself (limits arrive as a {@link org.flipad.core.data.DecodeLimits} record).
 */
package org.flipad.core.data;
