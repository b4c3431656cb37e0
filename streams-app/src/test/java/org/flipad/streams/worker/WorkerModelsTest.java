package org.flipad.streams.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flipad.core.bundle.Sha256;
import org.flipad.streams.model.WatchedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aBundleReplacedUnderTheSameVersionIsLoadedAgainAndAnUnchangedOneIsNot(@TempDir Path dir)
      throws Exception {
    String original = Sha256.ofFile(DETECTOR);
    models.offerLoad(at(5, original), DETECTOR, original);
    models.refresh();
    LoadedModel first = models.find(MODEL, 5);
    assertThat(first.model().bundleSha256()).isEqualTo(original);

    Path replacement = rezipped(DETECTOR, dir.resolve("replaced.flipad-detector"));
    String replaced = Sha256.ofFile(replacement);
    assertThat(replaced).isNotEqualTo(original);
    models.offerLoad(at(5, replaced), replacement, replaced);
    models.refresh();
    LoadedModel second = models.find(MODEL, 5);
    assertThat(second.model().bundleSha256()).isEqualTo(replaced);
    assertThat(second.detector()).isNotSameAs(first.detector());

    models.offerLoad(at(5, replaced), replacement, replaced);
    models.refresh();
    assertThat(models.find(MODEL, 5).detector())
        .as("the same bundle again: nothing to load")
        .isSameAs(second.detector());
    assertThat(failures).isEmpty();
  }

  /** The same entries in a new zip file (with a comment), so the file's sha256 differs. */
  private static Path rezipped(Path bundle, Path copy) throws IOException {
    try (ZipFile in = new ZipFile(bundle.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      out.setComment("the same detector, packed again");
      for (ZipEntry entry : java.util.Collections.list(in.entries())) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        try (InputStream bytes = in.getInputStream(entry)) {
          bytes.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return copy;
  }

  private WatchedModel at(int version, String bundleSha256) {
    return new WatchedModel(MODEL, version, version2.input(), version2.fnr(), null, bundleSha256);
  }

  private WatchedModel at(int version) {
    return new WatchedModel(MODEL, version, version2.input(), version2.fnr());
  }
}
