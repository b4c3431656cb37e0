package org.flipad.core.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.data.RealImageSource;
import org.flipad.core.generator.GeneratorImageSource;

/**
 * The target and negative images of one detector build, after the split into training, validation
 * and held-out images, and the fresh training images of later epochs. Every draw derives from the
 * build's seeds, so a build repeated with the same settings sees the same images.
 *
 * @param targetTrain the target's training images
 * @param validation held-out target images for the thresholds
 * @param heldOutTarget further held-out target images for the validation summary
 * @param negatives each negative source's training and held-out images
 */
record BuildImages(
    List<Image8> targetTrain,
    List<Image8> validation,
    List<Image8> heldOutTarget,
    List<BuildImages.SourceDraw> negatives) {

  /** One negative source's draws: training images and held-out images. */
  record SourceDraw(NegativeSource source, List<Image8> train, List<Image8> heldOut) {}

  /**
   * Draws the target's images and each negative source's: the weighted sources share {@code
   * settings.train()} training images; each also gives up to {@code settings.validation()} held-out
   * images, drawn together with its training images so the two never overlap.
   */
  static BuildImages draw(
      GeneratorImageSource target,
      List<NegativeSource> bank,
      Map<String, Long> seeds,
      FlipadDetectorSettings settings) {
    List<NegativeSource> weighted =
        bank.stream().filter(s -> s.kind() != NegativeSource.Kind.FEEDBACK).toList();
    int[] counts =
        NegativeAllocation.counts(
            weighted.stream().map(NegativeSource::weight).toList(), settings.train());
    List<SourceDraw> draws = new ArrayList<>();
    int maxHeldOut = 0;
    long shuffle = seeds.get("negativeShuffle");
    for (int i = 0; i < weighted.size(); i++) {
      SourceDraw draw = draw(weighted.get(i), counts[i], settings.validation(), shuffle);
      draws.add(draw);
      maxHeldOut = Math.max(maxHeldOut, draw.heldOut().size());
    }
    for (NegativeSource feedback : bank) {
      if (feedback.kind() == NegativeSource.Kind.FEEDBACK) {
        draws.add(draw(feedback, Integer.MAX_VALUE, settings.validation(), shuffle));
      }
    }
    return new BuildImages(
        target.draw(settings.train(), seeds.get("targetTrain")),
        target.draw(settings.validation(), seeds.get("validation")),
        maxHeldOut == 0 ? List.of() : target.draw(maxHeldOut, seeds.get("heldOutTarget")),
        draws);
  }

  /** Every negative training image, source by source. */
  List<Image8> negativeTrain() {
    List<Image8> all = new ArrayList<>();
    negatives.forEach(d -> all.addAll(d.train()));
    return all;
  }

  /** How many images the build inverts. */
  int total() {
    int total = targetTrain.size() + validation.size() + heldOutTarget.size();
    for (SourceDraw draw : negatives) {
      total += draw.train().size() + draw.heldOut().size();
    }
    return total;
  }

  /** Refuses a negative image of another size than the target's, naming its source. */
  void requireSizes(ModelInputFormat format) {
    for (SourceDraw draw : negatives) {
      List<Image8> all = new ArrayList<>(draw.train());
      all.addAll(draw.heldOut());
      for (int i = 0; i < all.size(); i++) {
        Image8 image = all.get(i);
        format.requireSize(
            "Image " + i + " of negative source '" + draw.source().name() + "'",
            image.width(),
            image.height());
      }
    }
  }

  /**
   * Epoch e's training images, inverted: the target drawn again with seed {@code base + e}, each
   * bank generator drawn again (as many as its share of the first epoch), real and feedback images
   * as in the first epoch (their held-out images come from the same finite pool and must stay
   * unseen).
   */
  EpochDraws laterEpochs(
      GeneratorImageSource target, InversionRun inversion, long base, int targetCount) {
    return epoch -> {
      long seed = base + epoch;
      List<Image8> drawn = new ArrayList<>();
      for (SourceDraw draw : negatives) {
        if (draw.source().kind() == NegativeSource.Kind.GENERATOR) {
          drawn.addAll(
              draw.source().images().draw(draw.train().size(), sourceSeed(draw.source(), seed)));
        } else {
          drawn.addAll(draw.train());
        }
      }
      return new EpochDraws.Rows(
          inversion.extract(target.draw(targetCount, seed)), inversion.extract(drawn));
    };
  }

  /** {@code train} images of a source plus its held-out images, from one seeded draw. */
  private static SourceDraw draw(NegativeSource source, int train, int heldOut, long baseSeed) {
    long seed = sourceSeed(source, baseSeed);
    if (source.images() instanceof RealImageSource real) {
      // A finite pool: training first, then held out from what is left.
      train = Math.min(train, real.size());
      heldOut =
          source.kind() == NegativeSource.Kind.FEEDBACK
              ? 0
              : Math.min(heldOut, Math.max(0, real.size() - train));
    }
    if (train + heldOut == 0) {
      return new SourceDraw(source, List.of(), List.of());
    }
    List<Image8> drawn = source.images().draw(train + heldOut, seed);
    return new SourceDraw(
        source,
        List.copyOf(drawn.subList(0, train)),
        List.copyOf(drawn.subList(train, drawn.size())));
  }

  /** A source's own seed of a draw: apart from every other source's. */
  private static long sourceSeed(NegativeSource source, long baseSeed) {
    return baseSeed + 1_000_003L * source.name().hashCode();
  }
}
