package org.flipad.streams.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.flipad.streams.runtime.OpsHttpSettings;

/**
 * What the demo runs: which detector watches which generator, the mix of uploads and how fast they
 * arrive.
 *
 * @param workDir broker data and Streams state
 * @param zoo the generator bundles' directory
 * @param detector the watched model's detector bundle
 * @param targetId the watched generator (a directory of the zoo)
 * @param otherIds other generators of the zoo whose samples are sent
 * @param targetCount samples of the watched generator
 * @param otherCount samples of each other generator
 * @param realCount real photos
 * @param reuploads re-uploads of earlier images (cache hits)
 * @param fnr the false-negative level decisions are made at
 * @param rate uploads per second; 0 sends as fast as possible
 * @param partitions partitions of the upload-path topics
 * @param workers inversion workers in this JVM
 * @param deadline per-upload deadline
 * @param seed draws and order
 * @param http where /metrics, /live and /ready are served
 * @param follow keep running (with a trickle of uploads) until interrupted
 * @param gateTnrTolerance the trainer's quality gate: how much less often a retrained detector may
 *     refuse a source's images than the active version, before sampling slack
 * @param requiredRate the share of correct decisions, in [0, 1], the summary checks every source
 *     against
 */
public record DemoSettings(
    Path workDir,
    Path zoo,
    Path detector,
    String targetId,
    List<String> otherIds,
    int targetCount,
    int otherCount,
    int realCount,
    int reuploads,
    double fnr,
    double rate,
    int partitions,
    int workers,
    Duration deadline,
    long seed,
    OpsHttpSettings http,
    boolean follow,
    double gateTnrTolerance,
    double requiredRate) {

  /** Validates. */
  public DemoSettings {
    Objects.requireNonNull(workDir, "workDir");
    otherIds = List.copyOf(otherIds);
    if (targetCount < 1 || otherCount < 0 || realCount < 0 || reuploads < 0) {
      throw new IllegalArgumentException(
          "The demo needs at least one target sample and no negative counts; got target "
              + targetCount
              + ", other "
              + otherCount
              + ", real "
              + realCount
              + ", re-uploads "
              + reuploads);
    }
    if (workers < 1 || partitions < 1) {
      throw new IllegalArgumentException(
          "Workers and partitions must be at least 1; got " + workers + " and " + partitions);
    }
    if (rate < 0) {
      throw new IllegalArgumentException("The rate must be ≥ 0 uploads/s, got " + rate);
    }
    if (!(requiredRate >= 0 && requiredRate <= 1)) {
      throw new IllegalArgumentException(
          "The required rate is a share of correct decisions in [0, 1] (e.g. 0.97 for 97 %), got "
              + requiredRate);
    }
  }

  /** Well-formed image uploads sent before the re-uploads. */
  public int imageCount() {
    return targetCount + otherCount * otherIds.size() + realCount;
  }
}
