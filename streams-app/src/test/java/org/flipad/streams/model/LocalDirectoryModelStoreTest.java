package org.flipad.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.bundle.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalDirectoryModelStore} on the committed dcgan-seed1 detector bundle. */
class LocalDirectoryModelStoreTest {

  static final Path BUNDLE = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  static final String BUNDLE_SHA256 =
      "0657cc4de91027fe7ecef9787bb1e7b43850afea91aade83007d9128f9aa5393";

  @TempDir Path storeDir;
  @TempDir Path cacheDir;

  @Test
  void shouldReturnAVerifiedCopyThatLoadsWhenABundleIsPutAndFetched() throws Exception {
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      String sha256 = store.put(BUNDLE);
      Path fetched = store.fetch(sha256, cacheDir);

      assertThat(sha256).isEqualTo(BUNDLE_SHA256).isEqualTo(Sha256.ofFile(BUNDLE));
      assertThat(store.contains(sha256)).isTrue();
      assertThat(fetched).isEqualTo(cacheDir.resolve(sha256 + ".flipad-detector"));
      assertThat(Sha256.ofFile(fetched)).isEqualTo(sha256);
      assertThat(Files.mismatch(fetched, BUNDLE)).isEqualTo(-1L);
      try (Detector detector = DetectorBundles.read(fetched, sha256)) {
        assertThat(detector.thresholds()).isNotNull();
      }
    }
  }

  @Test
  void shouldStoreOneFileWhenTheSameBytesArePutTwice() throws Exception {
    Path copy = Files.copy(BUNDLE, cacheDir.resolve("renamed-copy.bin"));
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      String first = store.put(BUNDLE);
      String second = store.put(copy);

      assertThat(second).isEqualTo(first);
      // Exactly one file: no second copy and no leftover temp file.
      assertThat(list(storeDir))
          .containsExactly(storeDir.resolve(first + ".flipad-detector").toAbsolutePath());
    }
  }

  @Test
  void shouldRefuseAStoredBundleWhoseBytesWereDamaged() throws Exception {
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      String sha256 = store.put(BUNDLE);
      Path stored = storeDir.resolve(sha256 + ".flipad-detector");
      byte[] bytes = Files.readAllBytes(stored);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(stored, bytes);

      assertThatThrownBy(() -> store.fetch(sha256, cacheDir))
          .isInstanceOfSatisfying(
              ModelStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ModelStoreException.Reason.CORRUPT))
          .hasMessageContaining(sha256)
          .hasMessageContaining("damaged or edited")
          .hasMessageContaining("put the original bundle again");
      assertThat(list(cacheDir)).isEmpty();
    }
  }

  @Test
  void shouldRefuseAShaThatWasNeverPut() throws Exception {
    String unknown = "0".repeat(64);
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      assertThat(store.contains(unknown)).isFalse();
      assertThatThrownBy(() -> store.fetch(unknown, cacheDir))
          .isInstanceOfSatisfying(
              ModelStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(ModelStoreException.Reason.NOT_FOUND))
          .hasMessageContaining("No bundle with sha256 " + unknown)
          .hasMessageContaining("Put the bundle into this store first");
    }
  }

  @Test
  void shouldRefuseAnAddressThatIsNotASha256() {
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      assertThatThrownBy(() -> store.fetch("../../etc/passwd", cacheDir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'../../etc/passwd' is not a sha256")
          .hasMessageContaining("64 hex digits");
    }
  }

  @Test
  void shouldOpenTheSameStoreFromTheLocationOfAStoredBundle() throws Exception {
    String sha256;
    String location;
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      sha256 = store.put(BUNDLE);
      location = store.location(sha256);
    }

    assertThat(location).startsWith("file:/").endsWith("/" + sha256 + ".flipad-detector");
    assertThat(ModelStore.sha256Of(location)).isEqualTo(sha256);
    try (ModelStore resolved = ModelStore.forLocation(location, Map.of())) {
      assertThat(resolved).isInstanceOf(LocalDirectoryModelStore.class);
      assertThat(Sha256.ofFile(resolved.fetch(sha256, cacheDir))).isEqualTo(sha256);
    }
  }

  @Test
  void shouldServeAVerifiedCachedCopyWithoutReadingTheStore() throws Exception {
    try (ModelStore store = new LocalDirectoryModelStore(storeDir)) {
      String sha256 = store.put(BUNDLE);
      Path first = store.fetch(sha256, cacheDir);
      Files.delete(storeDir.resolve(sha256 + ".flipad-detector"));

      assertThat(store.fetch(sha256, cacheDir)).isEqualTo(first);
      assertThat(Sha256.ofFile(first)).isEqualTo(sha256);
    }
  }

  @Test
  void shouldRefuseALocationOfAnotherKind() {
    assertThatThrownBy(() -> ModelStore.forLocation("s3://bucket/" + "a".repeat(64), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://bucket/")
        .hasMessageContaining("expected kafka://<topic>/<sha256>");
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::toAbsolutePath).toList();
    }
  }
}
