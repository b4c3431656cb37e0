package org.flipad.streams.topology;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.flipad.core.data.DecodeLimits;

/**
 * How uploads are admitted and how long the service waits for them.
 *
 * @param maxInlineBytes the most encoded bytes an upload may carry inline; larger images must
 *     travel by reference (Kafka's default message cap is about 1 MiB)
 * @param maxReferencedBytes the most bytes fetched for a referenced image
 * @param maxPixels width × height cap, read from the header before decoding (decompression bombs)
 * @param referenceAllowlist URI prefixes a reference may start with, e.g. {@code
 *     https://cdn.example.com/}; empty refuses every reference
 * @param referenceFetchTimeout bound on fetching one referenced image (it blocks a stream thread)
 * @param deadline time from intake to the verdict; past it the upload is UNDECIDED with TIMEOUT
 * @param cacheTtl how long a decision is reused for a re-upload of the same bytes
 * @param punctuateInterval how often deadlines are checked (wall clock)
 * @param serviceInstance this instance's name in audit records and dead letters
 */
public record ScreeningSettings(
    long maxInlineBytes,
    long maxReferencedBytes,
    long maxPixels,
    List<String> referenceAllowlist,
    Duration referenceFetchTimeout,
    Duration deadline,
    Duration cacheTtl,
    Duration punctuateInterval,
    String serviceInstance) {

  /** Validates and copies. */
  public ScreeningSettings {
    referenceAllowlist = List.copyOf(referenceAllowlist);
    Objects.requireNonNull(referenceFetchTimeout, "referenceFetchTimeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(punctuateInterval, "punctuateInterval");
    Objects.requireNonNull(serviceInstance, "serviceInstance");
    if (maxInlineBytes < 1 || maxReferencedBytes < 1 || maxPixels < 1) {
      throw new IllegalArgumentException(
          "Byte and pixel caps must be positive; got inline "
              + maxInlineBytes
              + ", referenced "
              + maxReferencedBytes
              + ", pixels "
              + maxPixels);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("The deadline must be positive, got " + deadline);
    }
  }

  /**
   * 768 KiB inline, 16 MiB by reference, Pillow's 89,478,485-pixel cap, no references allowed, 5 s
   * fetch timeout, 10 s deadline, 10 min cache, deadlines checked every 100 ms.
   */
  public static ScreeningSettings defaults() {
    return new ScreeningSettings(
        768L << 10,
        16L << 20,
        DecodeLimits.DEFAULT_MAX_PIXELS,
        List.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        Duration.ofMillis(100),
        "flipad-streams");
  }

  /** With another deadline. */
  public ScreeningSettings withDeadline(Duration newDeadline) {
    return new ScreeningSettings(
        maxInlineBytes,
        maxReferencedBytes,
        maxPixels,
        referenceAllowlist,
        referenceFetchTimeout,
        newDeadline,
        cacheTtl,
        punctuateInterval,
        serviceInstance);
  }

  /** With another reference allow-list. */
  public ScreeningSettings withReferenceAllowlist(List<String> prefixes) {
    return new ScreeningSettings(
        maxInlineBytes,
        maxReferencedBytes,
        maxPixels,
        prefixes,
        referenceFetchTimeout,
        deadline,
        cacheTtl,
        punctuateInterval,
        serviceInstance);
  }

  /** With another cache lifetime. */
  public ScreeningSettings withCacheTtl(Duration ttl) {
    return new ScreeningSettings(
        maxInlineBytes,
        maxReferencedBytes,
        maxPixels,
        referenceAllowlist,
        referenceFetchTimeout,
        deadline,
        ttl,
        punctuateInterval,
        serviceInstance);
  }

  /** With another inline byte cap. */
  public ScreeningSettings withMaxInlineBytes(long bytes) {
    return new ScreeningSettings(
        bytes,
        maxReferencedBytes,
        maxPixels,
        referenceAllowlist,
        referenceFetchTimeout,
        deadline,
        cacheTtl,
        punctuateInterval,
        serviceInstance);
  }

  /** The image decoder's limits: the pixel cap and the larger of the two byte caps. */
  public DecodeLimits decodeLimits() {
    return new DecodeLimits(maxPixels, Math.max(maxInlineBytes, maxReferencedBytes));
  }
}
