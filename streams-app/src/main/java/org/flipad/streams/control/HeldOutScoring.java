package org.flipad.streams.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flipad.core.attribution.Attribution;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.NegativeSource;
import org.flipad.core.bundle.GeneratorBundle;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.ModelVersion;

/**
 * The quality gate's evidence for a RETRAIN candidate: draws one held-out set with the gate's fixed
 * seed (fresh samples of the target and of each bank generator, real images from a pool no bank
 * trains on) and scores it with the candidate and, when there is one, the active version loaded
 * from the model store, at the command's FNR. {@link QualityGate} then judges the counts.
 */
final class HeldOutScoring {

  private static final int GATE_BATCH = 64;

  private final QualityGateSettings gate;
  private final RetrainJob.PublishedDetectors published;

  /**
   * @param gate the held-out set's size and seed
   * @param published loads the active version's detector
   */
  HeldOutScoring(QualityGateSettings gate, RetrainJob.PublishedDetectors published) {
    this.gate = gate;
    this.published = published;
  }

  /** Scores the gate's held-out images with the candidate and the active version. */
  GateEvidence evidence(
      ControlCommand command,
      Detector candidate,
      Optional<ModelVersion> activeVersion,
      GeneratorBundle generator,
      RetrainBank bank,
      double fnr,
      ProgressListener progress)
      throws CommandFailure, IOException {
    int n = gate.samples();
    long seed = gate.seed();
    List<Image8> target;
    try (GeneratorModel model = generator.load()) {
      target = new GeneratorImageSource(command.getModelId(), model).draw(n, seed);
    }
    Map<String, NegativeSource.Kind> kinds = new LinkedHashMap<>();
    Map<String, List<Image8>> heldOut = new LinkedHashMap<>();
    bank.heldOutReal()
        .ifPresent(
            real -> {
              kinds.put(real.name(), NegativeSource.Kind.REAL);
              heldOut.put(real.name(), real.draw(Math.min(n, real.size()), seed));
            });
    for (NegativeSource source : bank.sources()) {
      if (source.kind() == NegativeSource.Kind.GENERATOR) {
        kinds.put(source.name(), source.kind());
        heldOut.put(source.name(), source.images().draw(n, seed));
      }
    }
    int total = heldOut.values().stream().mapToInt(List::size).sum() + target.size();
    progress.start("gate", total * (activeVersion.isPresent() ? 2L : 1L));
    Scorer scorer = new Scorer(progress, fnr);
    boolean[] missed = scorer.refused(candidate, target);
    if (activeVersion.isEmpty()) {
      List<GateEvidence.SourceCounts> sources = new ArrayList<>();
      heldOut.forEach(
          (name, images) ->
              sources.add(
                  GateEvidence.SourceCounts.alone(
                      name, kinds.get(name), scorer.refused(candidate, images))));
      return evidence(command, fnr, 0, missed, sources);
    }
    ModelVersion reference = activeVersion.get();
    try (Detector active = loadActive(reference, candidate)) {
      List<GateEvidence.SourceCounts> sources = new ArrayList<>();
      for (Map.Entry<String, List<Image8>> e : heldOut.entrySet()) {
        sources.add(
            GateEvidence.SourceCounts.paired(
                e.getKey(),
                kinds.get(e.getKey()),
                scorer.refused(candidate, e.getValue()),
                scorer.refused(active, e.getValue())));
      }
      return evidence(command, fnr, reference.getVersion(), missed, sources);
    }
  }

  private static GateEvidence evidence(
      ControlCommand command,
      double fnr,
      int activeVersion,
      boolean[] missed,
      List<GateEvidence.SourceCounts> sources) {
    return new GateEvidence(
        command.getModelId(),
        fnr,
        activeVersion,
        missed.length,
        GateEvidence.SourceCounts.count(missed),
        sources);
  }

  private Detector loadActive(ModelVersion reference, Detector candidate)
      throws CommandFailure, IOException {
    Detector active;
    try {
      active = published.load(reference);
    } catch (IOException | RuntimeException e) {
      throw new CommandFailure(
          String.format(
              Locale.ROOT,
              "Quality gate: the active version %s@%d (%s) could not be loaded to compare with"
                  + " (%s); the candidate was not published. Check the model store, or ACTIVATE a"
                  + " loadable version and retrain again.",
              reference.getModelId(),
              reference.getVersion(),
              reference.getBundleLocation(),
              e.getMessage()),
          e);
    }
    if (!active.inputFormat().equals(candidate.inputFormat())) {
      ModelInputFormat format = active.inputFormat();
      active.close();
      throw new CommandFailure(
          "Quality gate: the active version "
              + reference.getVersion()
              + " takes "
              + format
              + " images but the candidate "
              + candidate.inputFormat()
              + "; they cannot be compared on the same images. DISABLE the model and retrain,"
              + " so the candidate is judged as a first version.");
    }
    return active;
  }

  /** Decisions at one FNR, in batches, with progress. */
  private static final class Scorer {
    private final ProgressListener progress;
    private final double fnr;
    private long done;

    Scorer(ProgressListener progress, double fnr) {
      this.progress = progress;
      this.fnr = fnr;
    }

    /** Per image: judged "not from the target" at the FNR. */
    boolean[] refused(Detector detector, List<Image8> images) {
      boolean[] refused = new boolean[images.size()];
      for (int from = 0; from < images.size(); from += GATE_BATCH) {
        int to = Math.min(images.size(), from + GATE_BATCH);
        List<Attribution> batch = detector.attribute(images.subList(from, to));
        for (int i = 0; i < batch.size(); i++) {
          refused[from + i] = !batch.get(i).decisionAt(fnr).fromTarget();
        }
        done += to - from;
        progress.advance(done, "gate: scored " + done + " held-out images");
      }
      return refused;
    }
  }
}
