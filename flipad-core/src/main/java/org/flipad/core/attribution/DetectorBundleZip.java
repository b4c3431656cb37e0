package org.flipad.core.attribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.flipad.core.bundle.Sha256;

/**
 * The zip layer of {@link DetectorBundles}: writes entries atomically, reads them back with size
 * limits, and checks them against the manifest's digests. Every refusal names the file and the
 * entry, because "the bundle is damaged" alone does not tell an operator what to fetch again.
 */
final class DetectorBundleZip {

  /** Refuses entries larger than this, so a crafted zip cannot exhaust memory. */
  private static final int MAX_ENTRY_BYTES = 512 << 20;

  /** A fixed entry time, so the same content gives the same bytes. */
  private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01, the zip epoch

  private DetectorBundleZip() {}

  static void writeAtomically(Path file, Map<String, byte[]> entries) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
          ZipEntry zipEntry = new ZipEntry(entry.getKey());
          zipEntry.setTime(ENTRY_TIME);
          zip.putNextEntry(zipEntry);
          zip.write(entry.getValue());
          zip.closeEntry();
        }
      }
      move(partial, target);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on unusual file systems; a plain replace is the best
      // they offer.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static Map<String, byte[]> unzip(Path file, byte[] bytes) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = nextEntry(file, zip); entry != null; entry = nextEntry(file, zip)) {
        String name = entry.getName();
        byte[] content = readEntry(file, zip, name);
        if (entries.put(name, content) != null) {
          throw new IOException(
              "Detector bundle "
                  + file
                  + " holds entry "
                  + name
                  + " twice; it was tampered with."
                  + " Re-create it with flipad train-detector.");
        }
      }
    }
    if (entries.isEmpty()) {
      throw new IOException(
          "Detector bundle "
              + file
              + " is not a zip file or holds no entries; expected a file written by flipad"
              + " train-detector.");
    }
    return entries;
  }

  private static ZipEntry nextEntry(Path file, ZipInputStream zip) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (IOException e) {
      throw new IOException(
          "Detector bundle "
              + file
              + " is not a readable zip file: "
              + e.getMessage()
              + ". Fetch the bundle again or re-create it with flipad train-detector.",
          e);
    }
  }

  private static byte[] readEntry(Path file, ZipInputStream zip, String name) throws IOException {
    byte[] content;
    try {
      content = zip.readNBytes(MAX_ENTRY_BYTES + 1);
    } catch (IOException e) {
      throw new IOException(
          String.format(
              "Detector bundle %s: entry %s is damaged (%s). The file was changed after it was"
                  + " written; fetch it again or re-create it.",
              file, name, e.getMessage()),
          e);
    }
    if (content.length > MAX_ENTRY_BYTES) {
      throw new IOException(
          String.format(
              "Detector bundle %s: entry %s is larger than %d MiB; no detector entry is that"
                  + " large. Refusing the file.",
              file, name, MAX_ENTRY_BYTES >> 20));
    }
    return content;
  }

  static void verifyEntries(Path file, DetectorManifest manifest, Map<String, byte[]> entries)
      throws IOException {
    for (Map.Entry<String, String> listed : manifest.entries().entrySet()) {
      byte[] content = entries.get(listed.getKey());
      if (content == null) {
        throw new IOException(
            String.format(
                "Detector bundle %s: the manifest lists entry %s but the file lacks it. Fetch the"
                    + " bundle again or re-create it.",
                file, listed.getKey()));
      }
      String actual = Sha256.ofBytes(content);
      if (!actual.equals(listed.getValue())) {
        throw new IOException(
            String.format(
                "Detector bundle %s: entry %s has sha256 %s but the manifest records %s. The entry"
                    + " was changed after the bundle was written; fetch it again or re-create it.",
                file, listed.getKey(), actual, listed.getValue()));
      }
    }
    for (String name : entries.keySet()) {
      if (!manifest.entries().containsKey(name)) {
        throw new IOException(
            String.format(
                "Detector bundle %s holds entry %s, which the manifest does not list; it was added"
                    + " after the bundle was written. Fetch the bundle again or re-create it.",
                file, name));
      }
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
