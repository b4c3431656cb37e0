package org.flipad.streams.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flipad.streams.model.WatchedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hot swaps of one worker's detectors, with the demo's real detector bundle. */
class WorkerModelsTest {

  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final String MODEL = "dcgan-seed1";

  private final InstantSource clock = InstantSource.system();
  private final ScheduledExecutorService swapper = Executors.newSingleThreadScheduledExecutor();
  private final List<String> failures = new ArrayList<>();
  private WorkerModels models;
  private WatchedModel version2;

  @BeforeEach
  void loadVersion2() throws Exception {
    LoadedModel loaded = DetectorLoader.load(DETECTOR, null, 2, 0.05);
    version2 = loaded.model();
    models = new WorkerModels((model, bundle, cause) -> failures.add(model.label()));
    models.offerLoad(version2, DETECTOR, null);
    models.refresh();
    loaded.detector().close();
  }

  @AfterEach
  void close() {
    swapper.shutdownNow();
    models.close();
  }

  @Test
  void aRequestForAVersionBeingFetchedWaitsForItsLoad() throws Exception {
    models.expect(MODEL, 3);
    assertThat(models.arriving(MODEL, 3)).isTrue();
    assertThat(models.arriving(MODEL, 2)).as("loaded: nothing to wait for").isFalse();
    // The models follower offers the bundle a little later, from its own thread.
    swapper.schedule(() -> models.offerLoad(at(3), DETECTOR, null), 150, TimeUnit.MILLISECONDS);

    boolean arrived =
        models.awaitArrivals(List.of(Map.entry(MODEL, 3)), clock.millis() + 10_000, clock);

    assertThat(arrived).isTrue();
    assertThat(models.find(MODEL, 3)).isNotNull();
    assertThat(models.beingFetched(MODEL, 3)).isFalse();
    assertThat(models.find(MODEL, 2)).as("the previous version keeps serving").isNotNull();
  }

  @Test
  void theWaitEndsAtItsBoundWhenTheVersionNeverComes() throws Exception {
    models.expect(MODEL, 3);
    long start = clock.millis();

    boolean arrived = models.awaitArrivals(List.of(Map.entry(MODEL, 3)), start + 100, clock);

    assertThat(arrived).isFalse();
    assertThat(clock.millis() - start).isGreaterThanOrEqualTo(100);
    assertThat(models.find(MODEL, 3)).isNull();
  }

  @Test
  void aFailedLoadOrAnAbandonedFetchIsNoLongerAwaited() {
    models.expect(MODEL, 3);
    models.offerLoad(at(3), Path.of("no-such.flipad-detector"), null);
    models.refresh();
    assertThat(failures).containsExactly(MODEL + "@3");
    assertThat(models.beingFetched(MODEL, 3)).isFalse();

    models.expect(MODEL, 4);
    models.abandon(MODEL, 4);
    assertThat(models.beingFetched(MODEL, 4)).isFalse();
  }

  @Test
  void onlyNewerVersionsOfAServedModelAreAwaitedWithoutAnAnnouncement() {
    assertThat(models.arriving(MODEL, 3)).as("newer than the loaded version 2").isTrue();
    assertThat(models.arriving(MODEL, 1)).as("older: replaced, never coming back").isFalse();
    assertThat(models.arriving("no-such-model", 1))
        .as("a model this worker never served")
        .isFalse();
  }

  private WatchedModel at(int version) {
    return new WatchedModel(MODEL, version, version2.input(), version2.fnr());
  }
}
