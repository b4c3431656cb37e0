package org.flipad.streams.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;

/**
 * The generators a RETRAIN's {@code registered} negatives stand for: the generator bundle of every
 * other model in {@code flipad.models} (its active version's, else its newest located version's),
 * each generator once, the target's own left out, and those the trainer cannot read reported as
 * unavailable. Used by {@link RetrainBank#plan}.
 */
final class RegisteredGenerators {

  private RegisteredGenerators() {}

  /**
   * The other models' generator locations, deduplicated by generator digest.
   *
   * @param modelId the model being retrained, whose own versions are not negatives
   * @param targetDigest the target generator's sha256, left out too
   * @param registered receives each added model as {@code id@version}
   * @param unavailable receives each model left out, with why
   */
  static List<String> locations(
      ModelVersions registry,
      String modelId,
      String targetDigest,
      Predicate<Path> isGeneratorBundle,
      List<String> registered,
      List<String> unavailable) {
    List<String> locations = new ArrayList<>();
    Set<String> digests = new HashSet<>();
    digests.add(targetDigest);
    for (String other : registry.modelIds()) {
      if (other.equals(modelId)) {
        continue;
      }
      Optional<ModelVersion> located = located(registry, other);
      if (located.isEmpty()) {
        unavailable.add(other + ": no version records a generatorBundleLocation");
        continue;
      }
      ModelVersion v = located.get();
      Path path = RetrainJob.path(v.getGeneratorBundleLocation());
      if (v.getGeneratorBundleSha256() != null && !digests.add(v.getGeneratorBundleSha256())) {
        continue; // the target's own generator, or one already in the bank under another id
      }
      if (!isGeneratorBundle.test(path)) {
        unavailable.add(
            other + "@" + v.getVersion() + ": no generator bundle at " + path + " on the trainer");
        continue;
      }
      locations.add(path.toString());
      registered.add(other + "@" + v.getVersion());
    }
    return locations;
  }

  /** The active version when it records a generator location, else the newest that does. */
  private static Optional<ModelVersion> located(ModelVersions registry, String modelId) {
    Optional<ModelVersion> active =
        registry.active(modelId).filter(v -> v.getGeneratorBundleLocation() != null);
    if (active.isPresent()) {
      return active;
    }
    return registry.versions(modelId).stream()
        .filter(v -> v.getGeneratorBundleLocation() != null)
        .filter(v -> v.getState() != ModelState.UNKNOWN)
        .max(Comparator.comparingInt(ModelVersion::getVersion));
  }
}
