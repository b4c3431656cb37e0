package org.flipad.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link ModelStore} in one directory: each bundle is the file {@code <sha256>.flipad-detector}.
 * Writes go to a temp file in the same directory and are renamed into place once their bytes have
 * been hashed, so the directory never holds a partial bundle under a sha256 name, and concurrent
 * writers of the same bytes are harmless. Fetch re-hashes the stored file, so bit rot or a hand
 * edit is refused rather than loaded. Suits one machine or a shared volume; a cluster without one
 * uses {@link KafkaModelStore}. Thread-safe.
 */
public final class LocalDirectoryModelStore implements ModelStore {

  private final Path directory;

  /**
   * A store in {@code directory}, created when absent.
   *
   * @throws UncheckedIOException when the directory cannot be created
   */
  public LocalDirectoryModelStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create model store directory "
              + this.directory
              + ": "
              + e
              + ". Create it, or point the store at a writable directory.",
          e);
    }
  }

  /** The directory holding the bundles. */
  public Path directory() {
    return directory;
  }

  @Override
  public String put(Path bundleFile) throws IOException {
    if (Files.size(bundleFile) == 0) {
      throw new IllegalArgumentException(
          "Bundle file "
              + bundleFile
              + " is empty; pass a detector bundle written by train-detector.");
    }
    Path temp = BundleFiles.tempIn(directory);
    try {
      String sha256;
      // Hash the copy, not the source first: the name then matches the bytes stored even if the
      // source changes while we read it.
      try (InputStream in = Files.newInputStream(bundleFile)) {
        sha256 = BundleFiles.copyHashing(in, temp);
      }
      Path target = fileOf(sha256);
      if (BundleFiles.verified(target, sha256).isEmpty()) {
        BundleFiles.publish(temp, target);
      }
      return sha256;
    } finally {
      BundleFiles.deleteQuietly(temp);
    }
  }

  @Override
  public boolean contains(String sha256) {
    return Files.isRegularFile(fileOf(BundleAddress.requireSha256(sha256)));
  }

  @Override
  public Path fetch(String sha256, Path cacheDir) throws IOException {
    String address = BundleAddress.requireSha256(sha256);
    Path cached = cacheDir.resolve(address + EXTENSION);
    if (BundleFiles.verified(cached, address).isPresent()) {
      return cached;
    }
    Path stored = fileOf(address);
    if (!Files.isRegularFile(stored)) {
      throw new ModelStoreException(
          ModelStoreException.Reason.NOT_FOUND,
          "No bundle with sha256 "
              + address
              + " in model store "
              + directory
              + " (expected file "
              + stored.getFileName()
              + "). Put the bundle into this store first, or check the version's bundleSha256"
              + " and bundleLocation.");
    }
    return copyVerified(stored, address, cached);
  }

  @Override
  public String location(String sha256) {
    return fileOf(BundleAddress.requireSha256(sha256)).toUri().toString();
  }

  /** Nothing to release: the store holds no open files between calls. */
  @Override
  public void close() {}

  private Path fileOf(String sha256) {
    return directory.resolve(sha256 + EXTENSION);
  }

  private static Path copyVerified(Path stored, String sha256, Path cached) throws IOException {
    Path temp = BundleFiles.tempIn(cached.getParent());
    try {
      String actual;
      try (InputStream in = Files.newInputStream(stored)) {
        actual = BundleFiles.copyHashing(in, temp);
      }
      if (!actual.equals(sha256)) {
        throw new ModelStoreException(
            ModelStoreException.Reason.CORRUPT,
            "Stored bundle "
                + stored
                + " ("
                + Files.size(stored)
                + " bytes) has sha256 "
                + actual
                + ", not the "
                + sha256
                + " its name promises: the file was damaged or edited. It was not loaded. Delete"
                + " it and put the original bundle again.");
      }
      return BundleFiles.publish(temp, cached);
    } finally {
      BundleFiles.deleteQuietly(temp);
    }
  }
}
