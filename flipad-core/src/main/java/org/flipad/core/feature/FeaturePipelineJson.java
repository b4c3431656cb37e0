package org.flipad.core.feature;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Reads and writes a {@link FeaturePipeline} as JSON with Jackson.
 *
 * <p>The JSON mirrors the records: {@code inputShape}, {@code maxPool}, {@code standardiser}
 * ({@code shape, sampleCount, epsilon, mean, std}) and {@code selection} ({@code inputShape,
 * scores, keptChannels}). Doubles are written in their shortest exact decimal form, so a pipeline
 * read back produces bit-identical outputs. Unknown, missing or null fields are refused, and the
 * records re-validate every value on reading.
 */
public final class FeaturePipelineJson {

  // ObjectReader and ObjectWriter are immutable and thread-safe, unlike a shared ObjectMapper.
  private static final ObjectWriter WRITER = new ObjectMapper().writerFor(FeaturePipeline.class);
  private static final ObjectReader READER =
      new ObjectMapper()
          .readerFor(FeaturePipeline.class)
          .with(
              DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
              DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  private FeaturePipelineJson() {}

  /** Returns {@code pipeline} as a JSON string. */
  public static String toJson(FeaturePipeline pipeline) {
    Objects.requireNonNull(pipeline, "pipeline");
    try {
      return WRITER.writeValueAsString(pipeline);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write feature pipeline " + pipeline, e);
    }
  }

  /** Writes {@code pipeline} as JSON to {@code out}, which stays open. */
  public static void write(FeaturePipeline pipeline, OutputStream out) {
    Objects.requireNonNull(pipeline, "pipeline");
    try {
      WRITER.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, pipeline);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write feature pipeline " + pipeline, e);
    }
  }

  /**
   * Reads a pipeline written by {@link #toJson}.
   *
   * @throws IllegalArgumentException if the JSON is malformed or describes an invalid pipeline
   */
  public static FeaturePipeline fromJson(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    }
  }

  /**
   * Reads a pipeline written by {@link #write} from {@code in}, which stays open.
   *
   * @throws IllegalArgumentException if the JSON is malformed or describes an invalid pipeline
   * @throws UncheckedIOException if reading the stream fails
   */
  public static FeaturePipeline read(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      return READER.without(JsonParser.Feature.AUTO_CLOSE_SOURCE).readValue(in);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read feature pipeline JSON from the stream", e);
    }
  }

  private static IllegalArgumentException unreadable(JsonProcessingException e) {
    return new IllegalArgumentException(
        "Feature pipeline JSON could not be read: "
            + e.getOriginalMessage()
            + ". Expected the output of FeaturePipelineJson.toJson; refit the pipeline or "
            + "restore the file from its bundle.",
        e);
  }
}
