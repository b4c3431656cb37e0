package org.flipad.streams.control;

import java.util.List;
import java.util.Objects;
import org.flipad.core.attribution.NegativeSource;

/**
 * What the quality gate judges: how a candidate detector, and the active version when there is one,
 * decided on the same held-out images at the operating FNR.
 *
 * @param modelId the model being retrained (for messages)
 * @param fnr the operating false-negative rate q, e.g. 0.05
 * @param activeVersion the active version the candidate is compared with, or 0 when there is none
 *     (a first version, judged against absolute minimums)
 * @param targetImages fresh samples of the target generator scored, ≥ 1
 * @param candidateMissed of those, how many the candidate judged "not from the target"
 * @param sources per negative source, the refusals on its held-out images
 */
record GateEvidence(
    String modelId,
    double fnr,
    int activeVersion,
    int targetImages,
    int candidateMissed,
    List<SourceCounts> sources) {

  /** Validates the counts and copies the list. */
  GateEvidence {
    Objects.requireNonNull(modelId, "modelId");
    sources = List.copyOf(sources);
    if (targetImages < 1 || candidateMissed < 0 || candidateMissed > targetImages) {
      throw new IllegalArgumentException(
          "Gate evidence has "
              + candidateMissed
              + " missed of "
              + targetImages
              + " target images; expected 0 ≤ missed ≤ images and images ≥ 1.");
    }
  }

  /** Whether an active version was scored too. */
  boolean paired() {
    return activeVersion > 0;
  }

  /**
   * One negative source's held-out images as both detectors judged them.
   *
   * @param source the source's name, e.g. "fashion-mnist-subset" or "lsgan-seed2"
   * @param kind real images or another generator
   * @param images held-out images scored, ≥ 1
   * @param candidateRefused how many the candidate refused (judged "not from the target")
   * @param activeRefused how many the active version refused; 0 when there is none
   * @param discordant how many exactly one of the two refused; 0 when there is no active version
   */
  record SourceCounts(
      String source,
      NegativeSource.Kind kind,
      int images,
      int candidateRefused,
      int activeRefused,
      int discordant) {

    /** Validates the counts. */
    SourceCounts {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(kind, "kind");
      if (images < 1
          || candidateRefused < 0
          || candidateRefused > images
          || activeRefused < 0
          || activeRefused > images
          || discordant < 0
          || discordant > images) {
        throw new IllegalArgumentException(
            String.format(
                "Gate counts of '%s' are inconsistent: %d images, %d and %d refused, %d"
                    + " discordant.",
                source, images, candidateRefused, activeRefused, discordant));
      }
    }

    /** Counts from per-image decisions ({@code true} = refused) of both detectors, same images. */
    static SourceCounts paired(
        String source, NegativeSource.Kind kind, boolean[] candidate, boolean[] active) {
      if (candidate.length != active.length) {
        throw new IllegalArgumentException(
            "Source '"
                + source
                + "': "
                + candidate.length
                + " candidate and "
                + active.length
                + " active decisions; both detectors must judge the same images.");
      }
      int discordant = 0;
      for (int i = 0; i < candidate.length; i++) {
        discordant += candidate[i] != active[i] ? 1 : 0;
      }
      return new SourceCounts(
          source, kind, candidate.length, count(candidate), count(active), discordant);
    }

    /** Counts from the candidate's decisions alone (no active version). */
    static SourceCounts alone(String source, NegativeSource.Kind kind, boolean[] candidate) {
      return new SourceCounts(source, kind, candidate.length, count(candidate), 0, 0);
    }

    double candidateTnr() {
      return candidateRefused / (double) images;
    }

    double activeTnr() {
      return activeRefused / (double) images;
    }

    static int count(boolean[] decisions) {
      int n = 0;
      for (boolean d : decisions) {
        n += d ? 1 : 0;
      }
      return n;
    }
  }
}
