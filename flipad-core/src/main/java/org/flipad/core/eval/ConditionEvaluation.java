package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.flipad.core.attribution.InversionRecipe;
import org.flipad.core.progress.ProgressListener;

/**
 * One condition of the {@link EvaluationProtocol}, a target's repetition under one perturbation:
 * trains (or loads from the score cache) every method's detector on the drawn images, adds the
 * fusion of FLIPAD and RawPAD, and on clean images the detectors whose bank leaves one architecture
 * out. Counts one progress unit per detector across all conditions of a run.
 */
final class ConditionEvaluation {

  private final EvaluationSettings settings;
  private final MethodRunner runner;
  private final DetectorScoreCache cache;
  private final ProgressListener progress;
  private final Map<String, String> bundleDigests;
  private long done;

  /**
   * @param bundleDigests each zoo model's bundle digest by name, for the cache keys; filled by the
   *     protocol before the first condition
   */
  ConditionEvaluation(
      EvaluationSettings settings,
      MethodRunner runner,
      DetectorScoreCache cache,
      ProgressListener progress,
      Map<String, String> bundleDigests) {
    this.settings = settings;
    this.runner = runner;
    this.cache = cache;
    this.progress = progress;
    this.bundleDigests = bundleDigests;
  }

  /** Every method (and the fusion, and the held-out-architecture detector) on one image set. */
  List<Comparison> evaluate(
      TargetContext context,
      DrawnImages images,
      String perturbation,
      int repetition,
      long methodSeed,
      Function<List<ZooModel>, EpochImages> fresh) {
    Map<String, SourceGroup> mainTests = new LinkedHashMap<>();
    for (String source : images.sourceTests().keySet()) {
      mainTests.put(source, context.groupOf(source));
    }
    List<Comparison> comparisons = new ArrayList<>();
    List<MethodScores> fusionParts = new ArrayList<>();
    for (EvaluationMethod method : settings.methods()) {
      if (method == EvaluationMethod.FUSION) {
        continue;
      }
      List<InversionRecipe> recipes =
          method == EvaluationMethod.FLIPAD
              ? settings.recipes()
              : java.util.Arrays.asList((InversionRecipe) null);
      for (InversionRecipe recipe : recipes) {
        MethodRun run =
            new MethodRun(
                context,
                method,
                recipe,
                perturbation,
                repetition,
                images,
                images.negativeTrain(),
                mainTests,
                method == EvaluationMethod.FLIPAD ? fresh.apply(context.bank()) : null);
        MethodScores scores = score(run, methodSeed);
        comparisons.addAll(scores.comparisons());
        // DCTPAD stays out: with it the fused detector refused other runs of the target's
        // architecture less often than FLIPAD with RawPAD alone (docs/results.md).
        boolean fused =
            method == EvaluationMethod.RAWPAD
                || (method == EvaluationMethod.FLIPAD && recipe == settings.mainRecipe());
        if (fused) {
          fusionParts.add(scores);
        }
      }
    }
    comparisons.addAll(
        fusion(
            fusionParts,
            new MethodRun(
                context,
                EvaluationMethod.FUSION,
                null,
                perturbation,
                repetition,
                images,
                images.negativeTrain(),
                mainTests)));
    // The held-out-architecture detectors answer a question about the bank, not about robustness:
    // they are trained on clean images only. RawPAD is trained on the same bank so that the
    // fusion, the score the service serves, has a held-out-architecture figure too.
    boolean clean = perturbation.equals(Comparison.NO_PERTURBATION);
    if (clean
        && context.heldOut() != null
        && settings.methods().contains(EvaluationMethod.FLIPAD)) {
      Map<String, SourceGroup> heldOutTests = new LinkedHashMap<>();
      context
          .heldOutModels()
          .forEach(m -> heldOutTests.put(m.name(), SourceGroup.HELD_OUT_ARCHITECTURE));
      List<MethodScores> heldOutParts = new ArrayList<>();
      for (EvaluationMethod method : List.of(EvaluationMethod.FLIPAD, EvaluationMethod.RAWPAD)) {
        if (!settings.methods().contains(method)) {
          continue;
        }
        MethodRun run =
            new MethodRun(
                context,
                method,
                method == EvaluationMethod.FLIPAD ? settings.mainRecipe() : null,
                perturbation,
                repetition,
                images,
                images.heldOutTrain(),
                heldOutTests,
                method == EvaluationMethod.FLIPAD
                    ? fresh.apply(context.bankWithoutHeldOut())
                    : null);
        MethodScores scores = score(run, methodSeed);
        comparisons.addAll(scores.comparisons());
        heldOutParts.add(scores);
      }
      comparisons.addAll(
          fusion(
              heldOutParts,
              new MethodRun(
                  context,
                  EvaluationMethod.FUSION,
                  null,
                  perturbation,
                  repetition,
                  images,
                  images.heldOutTrain(),
                  heldOutTests)));
    }
    return comparisons;
  }

  /** The fusion's comparisons on {@code run}'s sources, when asked for and it has two parts. */
  private List<Comparison> fusion(List<MethodScores> parts, MethodRun run) {
    if (!settings.methods().contains(EvaluationMethod.FUSION) || parts.size() < 2) {
      return List.of();
    }
    return ScoreFusion.fuse(parts, run).comparisons();
  }

  private MethodScores score(MethodRun run, long seed) {
    String step =
        String.format(
            "%s rep %d %s %s%s",
            run.context().target().name(),
            run.repetition() + 1,
            run.perturbation(),
            run.methodId(),
            run.negatives() == run.images().negativeTrain()
                ? ""
                : " (bank without " + run.context().heldOut() + ")");
    progress.advance(done, step);
    String key =
        DetectorScoreCache.key(
            runner.recipeOf(run),
            seed,
            bundleDigests.get(run.context().target().name())
                + " mean-activation "
                + DetectorScoreCache.digestOf(run.context().meanActivation()),
            run);
    Optional<MethodScores> cached = cache.load(key, run);
    MethodScores scores;
    if (cached.isPresent()) {
      scores = cached.get();
      progress.skipped(1);
    } else {
      scores = runner.score(run, seed, detail -> progress.advance(done, step + ": " + detail));
      cache.store(key, scores);
    }
    progress.advance(++done, step);
    return scores;
  }
}
