package org.flipad.core.eval;

import java.util.List;
import java.util.Map;
import org.flipad.core.generator.GeneratorModel;

/**
 * One target generator with what every method run against it shares, and the roles of the other zoo
 * models: the bank holds every run other than the target's run number (runs 2 and 3 of every
 * architecture for a run-1 target, the target's own architecture included); the other
 * architectures' runs with the target's run number are never in the bank ({@link
 * SourceGroup#UNSEEN_RUN}); one architecture, {@code heldOut}, can also be left out of a second
 * detector's bank entirely ({@link SourceGroup#HELD_OUT_ARCHITECTURE}).
 *
 * @param target the target's zoo entry
 * @param generator the open target generator (its final layer is what FLIPAD inverts)
 * @param meanActivation ā of the target, estimated once per target
 * @param zoo every zoo entry, the target included
 * @param networks each zoo entry's generator network (manifest "architecture"), by name
 * @param heldOut the architecture left out of the second detector's bank, or null
 */
record TargetContext(
    ZooModel target,
    GeneratorModel generator,
    float[] meanActivation,
    List<ZooModel> zoo,
    Map<String, String> networks,
    String heldOut) {

  /** Generators in the main detector's bank. */
  List<ZooModel> bank() {
    return zoo.stream().filter(m -> !m.equals(target) && m.run() != target.run()).toList();
  }

  /** Generators in the held-out-architecture detector's bank: the bank without {@code heldOut}. */
  List<ZooModel> bankWithoutHeldOut() {
    return bank().stream().filter(m -> !m.recipe().equals(heldOut)).toList();
  }

  /** Every zoo model other than the target: all are tested. */
  List<ZooModel> others() {
    return zoo.stream().filter(m -> !m.equals(target)).toList();
  }

  /** The models of the held-out architecture (every run). */
  List<ZooModel> heldOutModels() {
    return heldOut == null
        ? List.of()
        : zoo.stream().filter(m -> m.recipe().equals(heldOut)).toList();
  }

  /** The group of a tested source against the main detector: real, bank or unseen run. */
  SourceGroup groupOf(String source) {
    for (ZooModel model : zoo) {
      if (model.name().equals(source)) {
        return bank().contains(model) ? SourceGroup.BANK : SourceGroup.UNSEEN_RUN;
      }
    }
    return SourceGroup.REAL;
  }

  /** Whether {@code source} is a generator with the target's network (a sibling). */
  boolean isSibling(String source) {
    String network = networks.get(source);
    return network != null && network.equals(networks.get(target.name()));
  }
}
