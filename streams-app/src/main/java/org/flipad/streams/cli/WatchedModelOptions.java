package org.flipad.streams.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The watched generator, its zoo and its detector, as the benchmarks that run the service take them
 * ({@code @Mixin}).
 */
final class WatchedModelOptions {

  @Option(names = "--target", defaultValue = "dcgan-seed1", description = "Watched generator.")
  String target;

  @Option(names = "--zoo", defaultValue = "models/zoo", description = "Generator bundles.")
  Path zoo;

  @Option(
      names = "--detector",
      description = "Detector bundle (default: models/detectors/TARGET.flipad-detector).")
  Path detector;

  /** The detector bundle: {@code --detector}, else the shipped one of the target. */
  Path detectorBundle() {
    return detector != null ? detector : Path.of("models/detectors", target + ".flipad-detector");
  }
}
