package org.flipad.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.flipad.core.bundle.Sha256;

/** File steps both stores share: hash while copying, publish atomically, reuse a verified cache. */
final class BundleFiles {

  private BundleFiles() {}

  /**
   * A new temp file in {@code directory} (created when absent), where the published file will live,
   * so the final rename stays on one file system.
   */
  static Path tempIn(Path directory) throws IOException {
    Files.createDirectories(directory);
    return Files.createTempFile(directory, ".partial-", ".tmp");
  }

  /** Copies {@code in} to {@code file} and returns the sha256 of the copied bytes. */
  static String copyHashing(InputStream in, Path file) throws IOException {
    MessageDigest digest = sha256();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Moves {@code temp} over {@code target} atomically where the file system allows, so a reader
   * sees the old file or the complete new one, never a partial write.
   */
  static Path publish(Path temp, Path target) throws IOException {
    try {
      return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (certain network mounts) lack atomic rename; a plain replace is the best
      // they offer, and fetch() re-verifies what it reads.
      return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code file} when it exists and hashes to {@code sha256}; a damaged copy is deleted. */
  static Optional<Path> verified(Path file, String sha256) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Sha256.ofFile(file).equals(sha256)) {
      return Optional.of(file);
    }
    // A damaged cache entry is only a cache miss: delete it so the caller fetches a good copy.
    Files.deleteIfExists(file);
    return Optional.empty();
  }

  /** Deletes {@code file}, ignoring failure: it is a leftover temp file, not data. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Deliberately ignored: a stray .partial file wastes space but never shadows a bundle,
      // because bundles are found by their sha256 name only.
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256, which every Java 17 must have.", e);
    }
  }
}
