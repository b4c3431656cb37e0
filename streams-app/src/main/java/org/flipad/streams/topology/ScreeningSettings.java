package org.flipad.streams.topology;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.flipad.core.data.DecodeLimits;
import org.flipad.streams.deadletter.DeadLetterLimits;

/**
 * How uploads are admitted and how long the service waits for them.
 *
 * @param maxInlineBytes the most encoded bytes an upload may carry inline; larger images must
 *     travel by reference (Kafka's default message cap is about 1 MiB)
 * @param maxReferencedBytes the most bytes fetched for a referenced image
 * @param maxPixels width × height cap, read from the header before decoding (decompression bombs)
 * @param referenceAllowlist URI prefixes a reference may start with, e.g. {@code
 *     https://cdn.example.com/}; empty refuses every reference
 * @param referenceFetchTimeout bound on fetching one referenced image (on a fetch thread, not the
 *     stream thread)
 * @param deadline time from intake to the verdict; past it the upload is UNDECIDED with TIMEOUT
 * @param cacheTtl how long a decision is reused for a re-upload of the same bytes
 * @param punctuateInterval how often deadlines are checked (wall clock)
 * @param serviceInstance this instance's name in audit records and dead letters
 * @param deadLetterLimits how much of a failed input a dead letter keeps
 * @param maxOutputBytes the largest serialised value the topology writes; a larger one is not
 *     handed to the producer (which would refuse it inside the transaction) but fails as a
 *     serialisation error, which the production exception handler dead-letters. Keep it under the
 *     producer's {@code max.request.size} and the topics' {@code max.message.bytes}
 * @param duplicateWindow how long an upload id is remembered after its verdict: another event with
 *     the id within it is dead-lettered DUPLICATE_UPLOAD instead of screened again
 * @param flood when a burst of attributions to one model from one tenant raises a FLOOD alert
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
    String serviceInstance,
    DeadLetterLimits deadLetterLimits,
    int maxOutputBytes,
    Duration duplicateWindow,
    FloodSettings flood) {

  /**
   * Default of {@link #maxOutputBytes()}: 1 MiB (the producer's default {@code max.request.size})
   * less 16 KiB for the key, headers and batch framing.
   */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = (1 << 20) - (16 << 10);

  /** Validates and copies. */
  public ScreeningSettings {
    referenceAllowlist = List.copyOf(referenceAllowlist);
    // Refuses a malformed entry now, with the entry named, rather than at the first upload.
    referenceAllowlist.forEach(AllowedLocation::parse);
    Objects.requireNonNull(referenceFetchTimeout, "referenceFetchTimeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(punctuateInterval, "punctuateInterval");
    Objects.requireNonNull(serviceInstance, "serviceInstance");
    Objects.requireNonNull(deadLetterLimits, "deadLetterLimits");
    Objects.requireNonNull(duplicateWindow, "duplicateWindow");
    Objects.requireNonNull(flood, "flood");
    if (duplicateWindow.isNegative()) {
      throw new IllegalArgumentException(
          "The duplicate window must not be negative, got " + duplicateWindow);
    }
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, got " + maxOutputBytes);
    }
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
   * fetch timeout, 10 s deadline, 10 min cache, deadlines checked every 100 ms, default dead-letter
   * limits, outputs up to {@value #DEFAULT_MAX_OUTPUT_BYTES} bytes, upload ids remembered for 24 h,
   * the default flood alarm ({@link FloodSettings#defaults()}).
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
        "flipad-streams",
        DeadLetterLimits.defaults(),
        DEFAULT_MAX_OUTPUT_BYTES,
        Duration.ofHours(24),
        FloodSettings.defaults());
  }

  /** With another deadline. */
  public ScreeningSettings withDeadline(Duration newDeadline) {
    return toBuilder().deadline(newDeadline).build();
  }

  /** With another reference allow-list. */
  public ScreeningSettings withReferenceAllowlist(List<String> prefixes) {
    return toBuilder().referenceAllowlist(prefixes).build();
  }

  /** With another flood alarm. */
  public ScreeningSettings withFlood(FloodSettings newFlood) {
    return toBuilder().flood(newFlood).build();
  }

  /** With another cache lifetime. */
  public ScreeningSettings withCacheTtl(Duration ttl) {
    return toBuilder().cacheTtl(ttl).build();
  }

  /** With another inline byte cap. */
  public ScreeningSettings withMaxInlineBytes(long bytes) {
    return toBuilder().maxInlineBytes(bytes).build();
  }

  /** With other dead-letter limits. */
  public ScreeningSettings withDeadLetterLimits(DeadLetterLimits limits) {
    return toBuilder().deadLetterLimits(limits).build();
  }

  /** With another cap on the serialised size of an output value. */
  public ScreeningSettings withMaxOutputBytes(int bytes) {
    return toBuilder().maxOutputBytes(bytes).build();
  }

  /** With another duplicate window. */
  public ScreeningSettings withDuplicateWindow(Duration window) {
    return toBuilder().duplicateWindow(window).build();
  }

  /** The image decoder's limits: the pixel cap and the larger of the two byte caps. */
  public DecodeLimits decodeLimits() {
    return new DecodeLimits(maxPixels, Math.max(maxInlineBytes, maxReferencedBytes));
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A copy of the settings with some fields changed: each {@code with…} method changes one, so a
   * new field is added here once instead of to every copy method.
   */
  private static final class Builder {
    private long maxInlineBytes;
    private long maxReferencedBytes;
    private long maxPixels;
    private List<String> referenceAllowlist;
    private Duration referenceFetchTimeout;
    private Duration deadline;
    private Duration cacheTtl;
    private Duration punctuateInterval;
    private String serviceInstance;
    private DeadLetterLimits deadLetterLimits;
    private int maxOutputBytes;
    private Duration duplicateWindow;
    private FloodSettings flood;

    Builder(ScreeningSettings from) {
      maxInlineBytes = from.maxInlineBytes;
      maxReferencedBytes = from.maxReferencedBytes;
      maxPixels = from.maxPixels;
      referenceAllowlist = from.referenceAllowlist;
      referenceFetchTimeout = from.referenceFetchTimeout;
      deadline = from.deadline;
      cacheTtl = from.cacheTtl;
      punctuateInterval = from.punctuateInterval;
      serviceInstance = from.serviceInstance;
      deadLetterLimits = from.deadLetterLimits;
      maxOutputBytes = from.maxOutputBytes;
      duplicateWindow = from.duplicateWindow;
      flood = from.flood;
    }

    Builder maxInlineBytes(long value) {
      maxInlineBytes = value;
      return this;
    }

    Builder referenceAllowlist(List<String> value) {
      referenceAllowlist = value;
      return this;
    }

    Builder deadline(Duration value) {
      deadline = value;
      return this;
    }

    Builder cacheTtl(Duration value) {
      cacheTtl = value;
      return this;
    }

    Builder deadLetterLimits(DeadLetterLimits value) {
      deadLetterLimits = value;
      return this;
    }

    Builder maxOutputBytes(int value) {
      maxOutputBytes = value;
      return this;
    }

    Builder duplicateWindow(Duration value) {
      duplicateWindow = value;
      return this;
    }

    Builder flood(FloodSettings value) {
      flood = value;
      return this;
    }

    ScreeningSettings build() {
      return new ScreeningSettings(
          maxInlineBytes,
          maxReferencedBytes,
          maxPixels,
          referenceAllowlist,
          referenceFetchTimeout,
          deadline,
          cacheTtl,
          punctuateInterval,
          serviceInstance,
          deadLetterLimits,
          maxOutputBytes,
          duplicateWindow,
          flood);
    }
  }
}
