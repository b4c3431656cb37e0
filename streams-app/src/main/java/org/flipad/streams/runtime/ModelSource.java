package org.flipad.streams.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.flipad.streams.worker.DetectorLoader;
import org.flipad.streams.worker.LoadedModel;

/**
 * One entry of {@code flipad.models}: a watched model id and the detector bundle that serves it.
 *
 * @param modelId the id the bundle must carry, e.g. {@code dcgan-seed1}
 * @param bundle the {@code .flipad-detector} file (relative paths resolve against the working
 *     directory)
 * @param sha256 the bundle's expected digest (64 hex digits), or null to skip the check
 */
public record ModelSource(String modelId, Path bundle, String sha256) {

  /** Every served model is version 1 until control commands swap versions. */
  public static final int VERSION = 1;

  /** Validates the fields. */
  public ModelSource {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(bundle, "bundle");
  }

  /**
   * Parses {@code modelId=bundlePath} or {@code modelId=bundlePath@sha256}.
   *
   * @throws ConfigException naming the entry and the expected form
   */
  public static ModelSource parse(String entry) {
    int equals = entry.indexOf('=');
    if (equals <= 0 || equals == entry.length() - 1) {
      throw new ConfigException(
          "flipad.models entry '"
              + entry
              + "' is not modelId=bundlePath[@sha256]; give e.g."
              + " dcgan-seed1=models/detectors/dcgan-seed1.flipad-detector");
    }
    String modelId = entry.substring(0, equals).trim();
    String location = entry.substring(equals + 1).trim();
    String sha256 = null;
    int at = location.lastIndexOf('@');
    // Only a trailing 64-hex-digit suffix is a digest, so a path containing '@' still works.
    if (at > 0 && location.substring(at + 1).matches("[0-9a-fA-F]{64}")) {
      sha256 = location.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
      location = location.substring(0, at);
    } else if (at > 0 && location.substring(at + 1).matches("[0-9a-fA-F]+")) {
      throw new ConfigException(
          "flipad.models entry '"
              + entry
              + "' has a digest of "
              + (location.length() - at - 1)
              + " hex digits; a sha256 has 64 (sha256sum FILE prints it)");
    }
    return new ModelSource(modelId, Path.of(location), sha256);
  }

  /**
   * Loads the bundle (verifying its digest when given) as version {@link #VERSION} deciding at
   * {@code fnr}.
   *
   * @throws IOException when the bundle cannot be read or its digest differs
   * @throws ConfigException when the bundle serves another model id than {@link #modelId}
   */
  public LoadedModel load(double fnr) throws IOException {
    LoadedModel loaded = DetectorLoader.load(bundle, sha256, VERSION, fnr);
    String actual = loaded.model().modelId();
    if (!actual.equals(modelId)) {
      loaded.detector().close();
      throw new ConfigException(
          "flipad.models names "
              + modelId
              + " for "
              + bundle
              + ", but that bundle's detector is for "
              + actual
              + "; fix the id or the path");
    }
    return loaded;
  }
}
