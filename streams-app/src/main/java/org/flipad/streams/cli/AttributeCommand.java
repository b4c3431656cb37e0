package org.flipad.streams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flipad.core.attribution.Attribution;
import org.flipad.core.attribution.Detector;
import org.flipad.core.attribution.DetectorBundles;
import org.flipad.core.attribution.SolverStatistics;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageHeader;
import org.flipad.core.data.ImageRejection;
import org.flipad.core.data.ModelInputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flipad attribute}: opens a detector bundle and says, for each image, whether it came from
 * the bundle's target generator: score, p-value, decision at FNR 0.5 % and the inversion's
 * certificate, as text or one JSON object per line.
 *
 * <p>Every image is read and size-checked before any is inverted, so a wrong file fails fast.
 */
@Command(
    name = "attribute",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Attributes images with a FLIPAD detector bundle: inverts each through the target's final"
          + " layer, scores it with DeepSAD and decides 'target' when the score is at most the"
          + " threshold calibrated at FNR 0.5 %% (the p-value says how unusual the score is among"
          + " held-out target images).",
      "",
      "IMAGES are PNG/JPEG files of exactly the generator's size (no resizing).",
      ""
    })
final class AttributeCommand implements Callable<Integer> {

  private static final int BATCH = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--detector",
      required = true,
      paramLabel = "FILE",
      description = "The bundle written by flipad train-detector.")
  Path detector;

  @Option(
      names = "--sha256",
      paramLabel = "HEX",
      description = "The bundle's expected sha256; any other file is refused.")
  String sha256;

  @Option(names = "--json", description = "One JSON object per image and line.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "PNG or JPEG files.")
  List<Path> images;

  @Override
  public Integer call() throws IOException {
    try (Detector opened = DetectorBundles.read(detector, sha256)) {
      List<Image8> decoded = readAll(opened.inputFormat());
      PrintWriter stdout = spec.commandLine().getOut();
      for (int from = 0; from < decoded.size(); from += BATCH) {
        int to = Math.min(decoded.size(), from + BATCH);
        List<Attribution> batch = opened.attribute(decoded.subList(from, to));
        for (int i = 0; i < batch.size(); i++) {
          Path file = images.get(from + i);
          stdout.println(json ? json(file, batch.get(i)) : text(file, batch.get(i)));
        }
        stdout.flush();
      }
    }
    return 0;
  }

  private List<Image8> readAll(ModelInputFormat format) throws IOException {
    ImageFiles decoder = ImageFiles.withDefaultLimits();
    List<Image8> decoded = new ArrayList<>(images.size());
    for (Path file : images) {
      if (!Files.isRegularFile(file)) {
        throw new FileNotFoundException(
            "Image file " + file + " does not exist or is not a file. Check the IMAGES arguments.");
      }
      byte[] bytes = Files.readAllBytes(file);
      try {
        ImageHeader header = decoder.probe(bytes);
        format.requireSize(file + " (" + header.format() + ")", header.width(), header.height());
        decoded.add(decoder.decode(bytes, format.mode()));
      } catch (ImageRejection e) {
        throw e.inFile(file);
      }
    }
    return decoded;
  }

  private static String text(Path file, Attribution a) {
    Attribution.Decision headline = a.decisionAt(Detector.HEADLINE_FNR);
    SolverStatistics solver = a.solver();
    return String.format(
        Locale.ROOT,
        "%s  score %.6g  p %.4f  %s at FNR 0.5 %% (threshold %.6g)  gap %.2e  iterations %d",
        file,
        a.score(),
        a.pValue(),
        headline.fromTarget() ? "target" : "other",
        headline.threshold(),
        solver.relativeGap(),
        solver.iterations());
  }

  private static String json(Path file, Attribution a) throws IOException {
    Attribution.Decision headline = a.decisionAt(Detector.HEADLINE_FNR);
    ObjectNode node = JSON.createObjectNode();
    node.put("file", file.toString());
    node.put("score", a.score());
    node.put("pValue", a.pValue());
    node.put("fromTarget", headline.fromTarget());
    node.put("fnr", headline.fnr());
    node.put("threshold", headline.threshold());
    ArrayNode decisions = node.putArray("decisions");
    for (Attribution.Decision decision : a.decisions()) {
      decisions
          .addObject()
          .put("fnr", decision.fnr())
          .put("threshold", decision.threshold())
          .put("fromTarget", decision.fromTarget());
    }
    node.put("relativeGap", a.solver().relativeGap());
    node.put("iterations", a.solver().iterations());
    node.put("stopReason", a.solver().stopReason());
    node.put("solveMillis", a.solver().millis());
    return JSON.writeValueAsString(node);
  }
}
