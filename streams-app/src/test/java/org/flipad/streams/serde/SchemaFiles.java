package org.flipad.streams.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The Avro schema files of the repository's {@code schemas/} folder: the current {@code
 * <Name>.avsc} files and their previous versions in {@code history/<Name>/v<N>.avsc}.
 */
final class SchemaFiles {

  /** The namespace every schema and named type lives in. */
  static final String NAMESPACE = "org.flipad.schema";

  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

  private SchemaFiles() {}

  /**
   * The {@code schemas/} folder, found from the module's working directory (Surefire's basedir).
   */
  static Path root() {
    Path root = Path.of("..", "schemas").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("history"))) {
      throw new IllegalStateException(
          "No schemas/history folder at "
              + root
              + "; run the tests from the streams-app module directory (Maven does).");
    }
    return root;
  }

  /** Names ({@code ImageUpload}, ...) of the current schema files, sorted. */
  static List<String> currentNames() {
    return list(root(), p -> Files.isRegularFile(p) && p.toString().endsWith(".avsc")).stream()
        .map(p -> p.getFileName().toString().replaceFirst("\\.avsc$", ""))
        .sorted()
        .toList();
  }

  /** Names of the folders under {@code schemas/history}, sorted. */
  static List<String> historyNames() {
    return list(root().resolve("history"), Files::isDirectory).stream()
        .map(p -> p.getFileName().toString())
        .sorted()
        .toList();
  }

  /** The current schema file of {@code name}. */
  static Path current(String name) {
    return root().resolve(name + ".avsc");
  }

  /**
   * The history files of {@code name}, ordered by version (v1 first).
   *
   * @throws IllegalStateException when a file is not named {@code v<N>.avsc}
   */
  static List<Path> history(String name) {
    List<Path> files = new ArrayList<>(list(root().resolve("history").resolve(name), p -> true));
    for (Path file : files) {
      if (!VERSION_FILE.matcher(file.getFileName().toString()).matches()) {
        throw new IllegalStateException(
            "History file "
                + file
                + " is not named v<N>.avsc (N = 1, 2, ...). Rename it to the version it records.");
      }
    }
    files.sort(Comparator.comparingInt(SchemaFiles::version));
    return files;
  }

  /** The version number N of a history file {@code v<N>.avsc}. */
  static int version(Path historyFile) {
    Matcher matcher = VERSION_FILE.matcher(historyFile.getFileName().toString());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(historyFile + " is not named v<N>.avsc");
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** Parses one file on its own: every schema file must be self-contained. */
  static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schema file " + file, e);
    }
  }

  /**
   * Every named type (record, enum, fixed) reachable from {@code schema}, itself included, by full
   * name.
   */
  static Map<String, Schema> namedTypes(Schema schema) {
    Map<String, Schema> found = new java.util.TreeMap<>();
    collect(schema, found, new IdentityHashMap<>());
    return found;
  }

  private static void collect(Schema schema, Map<String, Schema> found, Map<Schema, Boolean> seen) {
    if (seen.put(schema, Boolean.TRUE) != null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        found.put(schema.getFullName(), schema);
        schema.getFields().forEach(field -> collect(field.schema(), found, seen));
      }
      case ENUM, FIXED -> found.put(schema.getFullName(), schema);
      case UNION -> schema.getTypes().forEach(type -> collect(type, found, seen));
      case ARRAY -> collect(schema.getElementType(), found, seen);
      case MAP -> collect(schema.getValueType(), found, seen);
      default -> {
        // primitives have no name and no doc of their own
      }
    }
  }

  private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(filter).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }
}
