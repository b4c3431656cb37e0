package org.flipad.core.bundle;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Versions that are not in a package manifest: the PyTorch engine's and the CPU model. */
final class SoftwareVersions {
  private SoftwareVersions() {}

  /** PyTorch's version as DJL's engine reports it, or "unavailable" with the reason. */
  static String pytorch() {
    try {
      return Engine.getEngine("PyTorch").getVersion();
    } catch (RuntimeException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }

  /** The first "model name" of /proc/cpuinfo, or "unknown" where there is none. */
  static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
