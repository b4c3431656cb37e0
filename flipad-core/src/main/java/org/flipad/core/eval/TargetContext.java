package org.flipad.core.eval;

import java.util.ArrayList;
import java.util.List;
import org.flipad.core.generator.GeneratorModel;

/**
 * One target generator with what every method run against it shares.
 *
 * @param target the target's zoo entry
 * @param generator the open target generator (its final layer is what FLIPAD inverts)
 * @param meanActivation ā of the target, estimated once per target
 * @param zoo every zoo entry, the target included
 */
record TargetContext(
    ZooModel target, GeneratorModel generator, float[] meanActivation, List<ZooModel> zoo) {

  /**
   * The other generator sources: the first run of every other recipe (different architectures) and
   * every other run of the target's recipe (same architecture).
   */
  List<ZooModel> others() {
    List<ZooModel> firstRuns = EvaluationProtocol.targets(zoo);
    List<ZooModel> others = new ArrayList<>();
    for (ZooModel model : zoo) {
      boolean sameRecipe = model.recipe().equals(target.recipe());
      if (!model.equals(target) && (sameRecipe || firstRuns.contains(model))) {
        others.add(model);
      }
    }
    return others;
  }

  /** The group of a source name: real, or a zoo model's group against the target. */
  SourceGroup groupOf(String source) {
    for (ZooModel model : zoo) {
      if (model.name().equals(source)) {
        return model.groupAgainst(target);
      }
    }
    return SourceGroup.REAL;
  }
}
