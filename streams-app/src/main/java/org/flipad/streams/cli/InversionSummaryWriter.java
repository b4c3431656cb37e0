package org.flipad.streams.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.flipad.core.data.ModelInput;
import org.flipad.core.inversion.RecoveredActivation;

/**
 * Writes the {@code --summary} JSON of {@code flipad invert} as the images are inverted, so that
 * its memory does not grow with the number of images.
 *
 * <p>Layout: {@code {"format":"flipad-inversion-summary","version":1, "solver", "settings",
 * "lambda", "inputs":{…}, "images":[{"file","index","objective","dualityGap","relativeGap",
 * "certified","iterations","milliseconds","stopReason"},…], "totals":{"images","wallSeconds",
 * "imagesPerSecond","meanRelativeGap","maxRelativeGap","certified","peakResidentBytes",
 * "maxHeapBytes"}}}. {@code index} is the position within an IDX file, null for PNG/JPEG files;
 * {@code peakResidentBytes} is null when /proc/self/status is unavailable. A run that fails leaves
 * no summary: the incomplete file is deleted on close.
 */
final class InversionSummaryWriter implements AutoCloseable {

  private final Path file;
  private final JsonGenerator json;
  private boolean finished;

  private InversionSummaryWriter(Path file, JsonGenerator json) {
    this.file = file;
    this.json = json;
  }

  /**
   * Creates the file and writes everything that precedes the per-image entries.
   *
   * @param file the summary file, replaced; null writes nothing (no {@code --summary})
   * @param solver the configured solver
   * @param lambda λ
   * @param inputs paths of the layer, ā and features, for provenance
   */
  static InversionSummaryWriter open(
      Path file, SolverChoice.Configured solver, double lambda, Map<String, String> inputs)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonGenerator json =
        file == null
            ? mapper.createGenerator(OutputStream.nullOutputStream(), JsonEncoding.UTF8)
            : mapper.createGenerator(file.toFile(), JsonEncoding.UTF8);
    json.useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("format", "flipad-inversion-summary");
    json.writeNumberField("version", 1);
    json.writeStringField("solver", solver.solver().name());
    json.writeObjectField("settings", solver.settings());
    json.writeNumberField("lambda", lambda);
    json.writeNumberField("certificationTolerance", solver.gapTolerance());
    json.writeObjectField("inputs", inputs);
    json.writeArrayFieldStart("images");
    return new InversionSummaryWriter(file, json);
  }

  /** Appends one image's entry. */
  void image(ModelInput source, RecoveredActivation result, boolean certified) throws IOException {
    json.writeStartObject();
    json.writeStringField("file", source.file().toString());
    if (source.index() >= 0) {
      json.writeNumberField("index", source.index());
    } else {
      json.writeNullField("index");
    }
    json.writeNumberField("objective", result.objective());
    json.writeNumberField("dualityGap", result.certificate().gap());
    json.writeNumberField("relativeGap", result.certificate().relativeGap());
    json.writeBooleanField("certified", certified);
    json.writeNumberField("iterations", result.iterations());
    json.writeNumberField("milliseconds", result.nanos() / 1e6);
    json.writeStringField("stopReason", result.stopReason().name());
    json.writeEndObject();
  }

  /** Closes the image list and writes the totals; call once, after the last image. */
  void totals(InversionTotals totals, OptionalLong peakResidentBytes, long maxHeapBytes)
      throws IOException {
    json.writeEndArray();
    json.writeObjectFieldStart("totals");
    json.writeNumberField("images", totals.images());
    json.writeNumberField("wallSeconds", totals.wallSeconds());
    json.writeNumberField("imagesPerSecond", totals.imagesPerSecond());
    json.writeNumberField("meanRelativeGap", totals.meanRelativeGap());
    json.writeNumberField("maxRelativeGap", totals.maxRelativeGap());
    json.writeNumberField("certified", totals.certified());
    if (peakResidentBytes.isPresent()) {
      json.writeNumberField("peakResidentBytes", peakResidentBytes.getAsLong());
    } else {
      json.writeNullField("peakResidentBytes");
    }
    json.writeNumberField("maxHeapBytes", maxHeapBytes);
    json.writeEndObject();
    json.writeEndObject();
    finished = true;
  }

  /** Closes the file; without {@link #totals} (the run failed) the incomplete file is deleted. */
  @Override
  public void close() throws IOException {
    json.close();
    if (!finished && file != null) {
      Files.deleteIfExists(file);
    }
  }
}
