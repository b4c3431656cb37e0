package org.flipad.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Memory figures of this process for reports: peak resident set and the JVM's heap cap. */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /**
   * The peak resident set size (VmHWM of /proc/self/status), in bytes.
   *
   * @return empty when /proc is unavailable (not Linux) or has no VmHWM line
   */
  static OptionalLong peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          String kilobytes = line.substring(6).replace("kB", "").strip();
          return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Deliberately ignored: the peak is informative only, and reported as unknown (null).
    }
    return OptionalLong.empty();
  }

  /** The JVM's maximum heap ({@code -Xmx}), in bytes. */
  static long maxHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Bytes as MiB text, or "unknown". */
  static String mebibytes(OptionalLong bytes) {
    return bytes.isPresent() ? (bytes.getAsLong() >> 20) + " MiB" : "unknown";
  }
}
