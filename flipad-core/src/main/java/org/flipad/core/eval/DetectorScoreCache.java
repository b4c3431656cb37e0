package org.flipad.core.eval;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.Image8;

/**
 * The scores of every detector an evaluation has trained, on disk, keyed by a digest of everything
 * that decides them: the method and its training recipe, the seed, the target generator's bundle
 * digest and ā, and the pixels of every training, validation and test image. A run of record at the
 * paper's sizes trains detectors for hours; with this cache an interrupted run, re-run with the
 * same command, trains only the detectors it has not finished, and a report can be rebuilt without
 * training anything.
 *
 * <p>Because the key holds the images themselves, a change of sizes, seeds, zoo or data misses the
 * cache by construction. A change of the training or feature <em>code</em> does not show in the
 * key: {@link #REVISION} must then be raised, which orphans every older entry.
 */
public final class DetectorScoreCache {

  /**
   * The revision of the code that produces scores (DeepSAD training, features, scaling). Raise it
   * whenever a change could alter a trained detector's scores.
   */
  public static final String REVISION = "scores-2026-12-02";

  private static final int MAGIC = 0x464C5343; // "FLSC"

  /** A cache that never holds anything. */
  public static final DetectorScoreCache NONE = new DetectorScoreCache(null);

  private final Path directory;
  private int hits;
  private int stores;

  private DetectorScoreCache(Path directory) {
    this.directory = directory;
  }

  /** A cache in {@code directory}, created on the first store. */
  public static DetectorScoreCache in(Path directory) {
    return new DetectorScoreCache(directory);
  }

  /** The directory, or null for {@link #NONE}. */
  public Path directory() {
    return directory;
  }

  /** Detectors whose scores came from the cache in this run. */
  public int hits() {
    return hits;
  }

  /** Detectors trained and stored in this run. */
  public int stores() {
    return stores;
  }

  /**
   * The cached scores of {@code run} under {@code key}, or empty when there are none (or the entry
   * does not name exactly the run's tested sources, which only a corrupted file could do).
   *
   * @throws UncheckedIOException when an entry exists but cannot be read; delete it to retrain
   */
  Optional<MethodScores> load(String key, MethodRun run) {
    if (directory == null) {
      return Optional.empty();
    }
    Path file = file(key);
    try (InputStream bytes = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(bytes)) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
        throw new IOException("not a detector score entry for key " + key);
      }
      double[] validation = readDoubles(in);
      double[] target = readDoubles(in);
      int count = in.readInt();
      Map<String, double[]> sources = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        sources.put(in.readUTF(), readDoubles(in));
      }
      double featureSeconds = in.readDouble();
      double scoringSeconds = in.readDouble();
      if (!sources.keySet().equals(run.tests().keySet())) {
        return Optional.empty();
      }
      hits++;
      return Optional.of(
          new MethodScores(run, validation, target, sources, featureSeconds, scoringSeconds));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Detector score cache entry "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "). Delete it and run again; that detector will be retrained.",
          e);
    }
  }

  /**
   * Stores {@code scores} under {@code key}, atomically: a run killed while storing leaves either
   * no entry or a whole one.
   *
   * @throws UncheckedIOException when the directory cannot be written
   */
  void store(String key, MethodScores scores) {
    if (directory == null) {
      return;
    }
    Path file = file(key);
    try {
      Files.createDirectories(directory);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(MAGIC);
        out.writeUTF(key);
        writeDoubles(out, scores.validation());
        writeDoubles(out, scores.target());
        out.writeInt(scores.sources().size());
        for (Map.Entry<String, double[]> source : scores.sources().entrySet()) {
          out.writeUTF(source.getKey());
          writeDoubles(out, source.getValue());
        }
        out.writeDouble(scores.featureSecondsPerImage());
        out.writeDouble(scores.scoringSecondsPerImage());
      }
      Path partial = Files.createTempFile(directory, key, ".partial");
      Files.write(partial, bytes.toByteArray());
      try {
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
      stores++;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the detector score cache entry "
              + file
              + " ("
              + e.getMessage()
              + "). Check that the cache directory is writable, or run without a cache.",
          e);
    }
  }

  /**
   * The key of one detector run: a SHA-256 over {@link #REVISION}, {@code recipe} (the method, its
   * feature settings and its training schedule, as text), the seed, the target's identity and every
   * image set the run trains, calibrates or tests on.
   *
   * @param recipe everything besides images and seed that decides the scores, as text
   * @param seed the detector's seed
   * @param targetIdentity the target bundle's digest and its ā (only FLIPAD features depend on it)
   * @param run the run whose images are hashed
   */
  static String key(String recipe, long seed, String targetIdentity, MethodRun run) {
    StringBuilder text = new StringBuilder();
    text.append(REVISION).append('\n').append(recipe).append('\n');
    text.append("seed ").append(seed).append('\n');
    text.append("target ").append(targetIdentity).append('\n');
    DrawnImages images = run.images();
    appendSet(text, "target-train", images.targetTrain());
    appendSet(text, "negatives", run.negatives());
    appendSet(text, "validation", images.validation());
    appendSet(text, "target-test", images.targetTest());
    for (String source : run.tests().keySet()) {
      appendSet(text, "test " + source, images.sourceTests().get(source));
    }
    return Sha256.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of ā's float bits, for a target's identity. */
  static String digestOf(float[] values) {
    byte[] bytes = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      int bits = Float.floatToIntBits(values[i]);
      bytes[4 * i] = (byte) (bits >>> 24);
      bytes[4 * i + 1] = (byte) (bits >>> 16);
      bytes[4 * i + 2] = (byte) (bits >>> 8);
      bytes[4 * i + 3] = (byte) bits;
    }
    return Sha256.ofBytes(bytes);
  }

  private static void appendSet(StringBuilder text, String name, List<Image8> images) {
    text.append(name).append(' ').append(images.size());
    if (!images.isEmpty()) {
      Image8 first = images.get(0);
      text.append(' ')
          .append(first.channels())
          .append('x')
          .append(first.height())
          .append('x')
          .append(first.width());
    }
    text.append(' ').append(Sha256.ofImages(images)).append('\n');
  }

  private Path file(String key) {
    return directory.resolve(key + ".scores");
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000_000) {
      throw new IOException("a score array of length " + n);
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
