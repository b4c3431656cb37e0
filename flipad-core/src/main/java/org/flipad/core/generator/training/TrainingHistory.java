package org.flipad.core.generator.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code training-history.json} in a training directory: one {@link EpochSummary} per completed
 * epoch, kept beside the checkpoint so that a resumed run can report every epoch and the total
 * training time, not only those of its last call.
 */
final class TrainingHistory {

  static final String FILE = "training-history.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainingHistory() {}

  /** The epochs recorded so far (none when the file does not exist). */
  static List<EpochSummary> read(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    return JSON.readValue(file.toFile(), new TypeReference<List<EpochSummary>>() {});
  }

  /** Writes the epochs up to and including {@code epoch}, replacing the file atomically. */
  static void write(Path directory, List<EpochSummary> epochs) throws IOException {
    Path partial = directory.resolve(FILE + ".partial");
    JSON.writeValue(partial.toFile(), new ArrayList<>(epochs));
    Files.move(
        partial,
        directory.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
