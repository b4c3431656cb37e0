package org.flipad.streams.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Content-addressed storage for detector bundles: a bundle is stored under the sha256 of its bytes
 * and handed out only after those bytes hash to that address again. A {@code ModelVersion} records
 * {@link #location(String)} as its {@code bundleLocation} and the address as its {@code
 * bundleSha256}, so any process that can reach the store can load exactly the bundle a version
 * names.
 *
 * <p>Two implementations: {@link LocalDirectoryModelStore} (a directory, e.g. a volume or the
 * demo's work directory) and {@link KafkaModelStore} (chunks in a compacted topic, so a cluster
 * needs no shared volume). Implementations are thread-safe; close a store when done with it.
 */
public interface ModelStore extends AutoCloseable {

  /** The file extension of fetched and locally stored bundles. */
  String EXTENSION = ".flipad-detector";

  /**
   * Stores the bytes of {@code bundleFile} under their sha256. Idempotent: bytes already stored are
   * not stored again.
   *
   * @param bundleFile a detector bundle, e.g. {@code models/detectors/dcgan-seed1.flipad-detector}
   * @return the sha256 of the file's bytes, 64 lower-case hex digits: the bundle's address
   * @throws IOException when the file cannot be read or the store cannot write ({@link
   *     ModelStoreException} with reason {@code UNAVAILABLE})
   */
  String put(Path bundleFile) throws IOException;

  /**
   * Whether a bundle is stored under {@code sha256}. It says nothing about the stored bytes being
   * intact; {@link #fetch} checks that.
   *
   * @param sha256 64 hex digits, any case
   * @throws IllegalArgumentException when {@code sha256} is not 64 hex digits
   * @throws IOException when the store cannot be read
   */
  boolean contains(String sha256) throws IOException;

  /**
   * Copies the bundle stored under {@code sha256} to {@code cacheDir/<sha256>.flipad-detector} and
   * verifies that its bytes hash to {@code sha256}. A verified file already in the cache is
   * returned without reading the store. The file appears atomically: a reader of the cache never
   * sees a partial bundle.
   *
   * @param sha256 64 hex digits, any case
   * @param cacheDir a directory for fetched bundles; created when absent
   * @return the verified file, ready for {@code DetectorBundles.read(file, sha256)}
   * @throws ModelStoreException with reason {@code NOT_FOUND} when nothing is stored under {@code
   *     sha256}, {@code CORRUPT} when the stored bytes do not hash to it, {@code UNAVAILABLE} when
   *     the store cannot be read
   * @throws IOException when the cache cannot be written
   */
  Path fetch(String sha256, Path cacheDir) throws IOException;

  /**
   * Where the bundle stored under {@code sha256} lives, as a URI string for {@code
   * ModelVersion.bundleLocation}: {@code file:///dir/<sha256>.flipad-detector} or {@code
   * kafka://<topic>/<sha256>}. It does not check that the bundle is stored.
   */
  String location(String sha256);

  /** Releases the store's clients; a no-op for stores that hold none. */
  @Override
  void close();

  /**
   * Opens the store a {@link #location} string points into: a {@link LocalDirectoryModelStore} on
   * the file's directory, or a {@link KafkaModelStore} on the named topic with default settings.
   *
   * @param location a string returned by {@link #location}
   * @param kafkaClientProperties Kafka client settings (bootstrap servers, security) for {@code
   *     kafka://} locations; ignored for {@code file:} ones
   * @return a store the caller closes; {@link #sha256Of(String)} gives the address to fetch
   * @throws IllegalArgumentException when the location has another scheme or no sha256
   */
  static ModelStore forLocation(String location, Map<String, ?> kafkaClientProperties) {
    BundleAddress address = BundleAddress.parse(location);
    if (address.topic() != null) {
      return new KafkaModelStore(
          kafkaClientProperties, KafkaModelStoreSettings.defaults().withTopic(address.topic()));
    }
    return new LocalDirectoryModelStore(address.directory());
  }

  /**
   * The sha256 a {@link #location} string names.
   *
   * @throws IllegalArgumentException when the location is not a model store location
   */
  static String sha256Of(String location) {
    return BundleAddress.parse(location).sha256();
  }
}
