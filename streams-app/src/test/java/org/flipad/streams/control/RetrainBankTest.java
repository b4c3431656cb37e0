package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.ValidationMetrics;
import org.junit.jupiter.api.Test;

class RetrainBankTest {

  private static final String TARGET_DIGEST = "a".repeat(64);
  private static final Set<Path> BUNDLES =
      Set.of(Path.of("/zoo/lsgan-seed2"), Path.of("/zoo/ebgan-seed1"), Path.of("/zoo/dcgan-seed1"));
  private static final Predicate<Path> IS_BUNDLE = BUNDLES::contains;

  @Test
  void shouldAddEveryOtherRegisteredGeneratorWhenTheBankSaysRegistered() throws Exception {
    ModelVersions registry = new ModelVersions();
    registry.apply(version("dcgan-seed1", 1, ModelState.ACTIVE, "/zoo/dcgan-seed1", TARGET_DIGEST));
    registry.apply(version("lsgan-seed2", 1, ModelState.ACTIVE, "file:///zoo/lsgan-seed2", "b"));
    registry.apply(version("ebgan-seed1", 2, ModelState.RETIRED, "/zoo/ebgan-seed1", "c"));

    RetrainBank.Plan plan =
        RetrainBank.plan(
            RetrainSettings.DEFAULT_NEGATIVES, registry, "dcgan-seed1", TARGET_DIGEST, IS_BUNDLE);

    assertThat(plan.specs())
        .containsExactly(
            "fashion-mnist-subset:1.0", "/zoo/ebgan-seed1:0.5", "/zoo/lsgan-seed2:0.5");
    assertThat(plan.registered()).containsExactly("ebgan-seed1@2", "lsgan-seed2@1");
    assertThat(plan.unavailable()).isEmpty();
  }

  @Test
  void shouldLeaveOutAndReportModelsWithoutAReadableGenerator() throws Exception {
    ModelVersions registry = new ModelVersions();
    registry.apply(version("old-model", 1, ModelState.ACTIVE, null, "b"));
    registry.apply(version("moved-model", 1, ModelState.ACTIVE, "/gone/moved", "c"));

    RetrainBank.Plan plan =
        RetrainBank.plan("fashion-mnist,registered", registry, "dcgan", TARGET_DIGEST, IS_BUNDLE);

    assertThat(plan.specs()).containsExactly("fashion-mnist:1.0");
    assertThat(plan.unavailable())
        .containsExactly(
            "moved-model@1: no generator bundle at /gone/moved on the trainer",
            "old-model: no version records a generatorBundleLocation");
  }

  @Test
  void shouldLeaveOutAnotherModelIdServingTheTargetsOwnGenerator() throws Exception {
    ModelVersions registry = new ModelVersions();
    registry.apply(version("alias", 1, ModelState.ACTIVE, "/zoo/dcgan-seed1", TARGET_DIGEST));

    RetrainBank.Plan plan =
        RetrainBank.plan("registered,fashion-mnist", registry, "dcgan", TARGET_DIGEST, IS_BUNDLE);

    assertThat(plan.specs()).containsExactly("fashion-mnist:1.0");
    assertThat(plan.registered()).isEmpty();
  }

  @Test
  void shouldUseOnlyTheListedSourcesWithTheirWeightsWhenTheCommandListsThem() throws Exception {
    ModelVersions registry = new ModelVersions();
    registry.apply(version("lsgan-seed2", 1, ModelState.ACTIVE, "/zoo/lsgan-seed2", "b"));

    RetrainBank.Plan plan =
        RetrainBank.plan(
            "fashion-mnist:3, file:///zoo/ebgan-seed1, /photos",
            registry,
            "dcgan",
            TARGET_DIGEST,
            IS_BUNDLE);

    assertThat(plan.specs())
        .containsExactly("fashion-mnist:3.0", "/zoo/ebgan-seed1:1.0", "/photos:0.5");
    assertThat(plan.registered()).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyBankAndAWeightOnRegistered() {
    ModelVersions registry = new ModelVersions();

    assertThatThrownBy(
            () -> RetrainBank.plan("registered", registry, "m", TARGET_DIGEST, IS_BUNDLE))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("has no source");
    assertThatThrownBy(
            () -> RetrainBank.plan("registered:2", registry, "m", TARGET_DIGEST, IS_BUNDLE))
        .hasMessageContaining("'registered' takes no weight");
    assertThatThrownBy(() -> RetrainBank.plan("/photos:0", registry, "m", TARGET_DIGEST, IS_BUNDLE))
        .hasMessageContaining("give a weight > 0");
  }

  private static ModelVersion version(
      String modelId, int version, ModelState state, String generatorLocation, String digest) {
    Instant t = Instant.parse("2025-06-01T12:00:00Z");
    return ModelVersion.newBuilder()
        .setModelId(modelId)
        .setVersion(version)
        .setState(state)
        .setBundleSha256("f".repeat(64))
        .setBundleLocation("file:///store/" + "f".repeat(64) + ".flipad-detector")
        .setGeneratorBundleSha256(digest)
        .setGeneratorBundleLocation(generatorLocation)
        .setThresholds(List.of())
        .setSelectedFnr(0.005)
        .setMetrics(
            ValidationMetrics.newBuilder()
                .setAuroc(0.9)
                .setValidationSamples(10)
                .setExtra(Map.of())
                .build())
        .setCreatedAt(t)
        .setCreatedByCommandId("c")
        .setUpdatedAt(t)
        .build();
  }
}
