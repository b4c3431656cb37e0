package org.flipad.streams.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flipad.core.attribution.NegativeSource;

/**
 * The RETRAIN quality gate, as a pure function of the held-out decisions ({@link GateEvidence}):
 *
 * <ul>
 *   <li>per negative source, the candidate's TNR (share refused at the operating FNR q) must not
 *       fall below the active version's, on the same images, by more than {@code tnrTolerance +
 *       slackSigmas · √d / n} (d images judged differently by the two, n images);
 *   <li>a first version (no active one) must refuse at least {@code minRealTnr} of real images and
 *       {@code minGeneratorTnr} of each other generator's samples;
 *   <li>the candidate's miss rate on fresh target samples must be at most {@code q + 3·√(q(1−q)/n)
 *       + 1/n}, q's sampling slack over n draws.
 * </ul>
 *
 * Every refusal names the source, the figures, the allowed slack and what to do. The figures go
 * into the version's and the job's metrics ({@link GateVerdict#figures}).
 */
final class QualityGate {

  private final QualityGateSettings settings;

  QualityGate(QualityGateSettings settings) {
    this.settings = settings;
  }

  /**
   * The gate's judgement.
   *
   * @param refusals why the candidate is refused, one sentence each; empty when it passes
   * @param figures named figures for the metrics: {@code gate.operatingFnr} (q), {@code gate.fnr}
   *     (the candidate's miss rate), {@code gate.fnrBound}, {@code gate.samples}, and per source
   *     {@code gate.tnr.SOURCE}, {@code gate.minTnr.SOURCE} (the least TNR accepted) and, against
   *     an active version, {@code gate.activeTnr.SOURCE}
   */
  record GateVerdict(List<String> refusals, Map<String, Double> figures) {

    /** Copies the collections. */
    GateVerdict {
      refusals = List.copyOf(refusals);
      figures = Map.copyOf(figures);
    }

    boolean passed() {
      return refusals.isEmpty();
    }

    /** The refusals as one status reason. */
    String reason() {
      return String.join(" ", refusals);
    }
  }

  GateVerdict judge(GateEvidence evidence) {
    List<String> refusals = new ArrayList<>();
    Map<String, Double> figures = new LinkedHashMap<>();
    for (GateEvidence.SourceCounts source : evidence.sources()) {
      double least =
          evidence.paired() ? Math.max(0, pairedMinimum(source)) : absoluteMinimum(source.kind());
      figures.put("gate.tnr." + source.source(), source.candidateTnr());
      figures.put("gate.minTnr." + source.source(), least);
      if (evidence.paired()) {
        figures.put("gate.activeTnr." + source.source(), source.activeTnr());
      }
      if (source.candidateTnr() < least) {
        refusals.add(
            evidence.paired()
                ? worseThanActive(evidence, source, least)
                : belowMinimum(evidence, source, least));
      }
    }
    double q = evidence.fnr();
    int n = evidence.targetImages();
    double missed = evidence.candidateMissed() / (double) n;
    double bound = fnrBound(q, n);
    figures.put("gate.operatingFnr", q);
    figures.put("gate.fnr", missed);
    figures.put("gate.fnrBound", bound);
    figures.put("gate.samples", (double) n);
    if (missed > bound) {
      refusals.add(
          String.format(
              Locale.ROOT,
              "Quality gate: on %d fresh samples of %s the candidate misses %.1f %% at FNR %.1f %%"
                  + " (allowed up to %.1f %% = q + 3·√(q(1−q)/n) + 1/n). The candidate was not"
                  + " published; retrain with more validation samples (the thresholds are"
                  + " calibrated on them) or more epochs.",
              n,
              evidence.modelId(),
              100 * missed,
              100 * q,
              100 * bound));
    }
    return new GateVerdict(refusals, figures);
  }

  /** The FNR bound over n fresh samples: q plus three standard errors plus one image. */
  static double fnrBound(double q, int n) {
    return q + 3 * Math.sqrt(q * (1 - q) / n) + 1.0 / n;
  }

  /** The sampling slack of a paired difference of shares: slackSigmas · √d / n. */
  double slack(GateEvidence.SourceCounts source) {
    return settings.slackSigmas() * Math.sqrt(source.discordant()) / source.images();
  }

  private double pairedMinimum(GateEvidence.SourceCounts source) {
    return source.activeTnr() - settings.tnrTolerance() - slack(source);
  }

  private double absoluteMinimum(NegativeSource.Kind kind) {
    return kind == NegativeSource.Kind.GENERATOR
        ? settings.minGeneratorTnr()
        : settings.minRealTnr();
  }

  private String worseThanActive(
      GateEvidence evidence, GateEvidence.SourceCounts source, double least) {
    return String.format(
        Locale.ROOT,
        "Quality gate: on %d held-out images of '%s' (%s) the candidate refuses %.1f %% at FNR"
            + " %.1f %%, the active version %d refuses %.1f %% of the same images: %.1f points"
            + " worse, more than the %.1f allowed (tolerance %.1f, --gate-tnr-tolerance, + sampling"
            + " slack %.1f from %d images the two judge differently). The candidate was not"
            + " published; retrain with more samples or epochs, or give %s more weight in"
            + " negativesDatasetUri (NAME:WEIGHT).",
        source.images(),
        source.source(),
        kindName(source.kind()),
        100 * source.candidateTnr(),
        100 * evidence.fnr(),
        evidence.activeVersion(),
        100 * source.activeTnr(),
        100 * (source.activeTnr() - source.candidateTnr()),
        100 * (source.activeTnr() - least),
        100 * settings.tnrTolerance(),
        100 * slack(source),
        source.discordant(),
        source.kind() == NegativeSource.Kind.GENERATOR
            ? "'" + source.source() + "'"
            : "the real sources");
  }

  private String belowMinimum(
      GateEvidence evidence, GateEvidence.SourceCounts source, double least) {
    boolean generator = source.kind() == NegativeSource.Kind.GENERATOR;
    return String.format(
        Locale.ROOT,
        "Quality gate: %s has no active version, so the candidate must meet the minimums; on %d"
            + " held-out images of '%s' (%s) it refuses %.1f %% at FNR %.1f %%, below the"
            + " minimum %.1f %% for %s (%s). The candidate was not published; retrain with more"
            + " samples or epochs, or lower the minimum on the trainer if this model cannot do"
            + " better.",
        evidence.modelId(),
        source.images(),
        source.source(),
        kindName(source.kind()),
        100 * source.candidateTnr(),
        100 * evidence.fnr(),
        100 * least,
        generator ? "another generator's samples" : "real images",
        generator ? "--gate-min-generator-tnr" : "--gate-min-real-tnr");
  }

  private static String kindName(NegativeSource.Kind kind) {
    return switch (kind) {
      case REAL -> "real images";
      case GENERATOR -> "another generator";
      case FEEDBACK -> "reviewer feedback";
    };
  }
}
