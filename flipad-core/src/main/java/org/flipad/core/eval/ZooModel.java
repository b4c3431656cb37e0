package org.flipad.core.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One generator bundle of a zoo directory, named {@code <recipe>-seed<run>} (e.g. {@code
 * wgan-gp-seed2}): the recipe is the architecture in the paper's sense, the seed tells its training
 * runs apart.
 *
 * @param name the directory name
 * @param recipe the architecture, e.g. "wgan-gp"
 * @param run the training run's seed
 * @param directory the bundle directory
 */
public record ZooModel(String name, String recipe, int run, Path directory) {

  private static final Pattern NAME = Pattern.compile("(.+)-seed(\\d+)");

  /**
   * Lists the bundles of a zoo, sorted by recipe and run.
   *
   * @throws IOException when the directory cannot be listed
   * @throws IllegalArgumentException when it holds no {@code <recipe>-seed<run>} bundle
   */
  public static List<ZooModel> list(Path zoo) throws IOException {
    if (!Files.isDirectory(zoo)) {
      throw new IllegalArgumentException(
          "Zoo directory " + zoo + " does not exist. Pass --zoo with the models/zoo directory.");
    }
    List<ZooModel> models = new ArrayList<>();
    try (Stream<Path> entries = Files.list(zoo)) {
      for (Path entry : entries.toList()) {
        Matcher m = NAME.matcher(entry.getFileName().toString());
        if (m.matches() && Files.isRegularFile(entry.resolve("generator.json"))) {
          models.add(new ZooModel(m.group(0), m.group(1), Integer.parseInt(m.group(2)), entry));
        }
      }
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "Zoo directory "
              + zoo
              + " holds no generator bundle named <recipe>-seed<run> (e.g. dcgan-seed1).");
    }
    models.sort(Comparator.comparing(ZooModel::recipe).thenComparingInt(ZooModel::run));
    return models;
  }
}
