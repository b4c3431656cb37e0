package org.flipad.core.attribution;

import java.util.ArrayList;
import java.util.List;
import org.flipad.core.data.Image8;
import org.flipad.core.data.ModelInputFormat;
import org.flipad.core.feature.FeatureShape;
import org.flipad.core.inversion.FinalLayer;
import org.flipad.core.inversion.FinalLayerInverter;
import org.flipad.core.inversion.InversionSpec;
import org.flipad.core.inversion.OutputActivation;
import org.flipad.core.inversion.RecoveredActivation;
import org.flipad.core.inversion.TensorShape;

/**
 * FLIPAD's features: the penultimate activation â = ā + δ̂ recovered through the generator's final
 * layer by the settings' {@link InversionRecipe} (the minimum-norm lift, or the lasso), one C×H×W
 * map per image. Images must have the layer's output layout exactly; they are scaled with {@link
 * ModelInputFormat}.
 */
public final class InversionFeatureExtractor implements FeatureExtractor {

  private final FinalLayerInverter inverter;
  private final ModelInputFormat format;
  private final FeatureShape shape;

  /**
   * Builds the extractor and its solver.
   *
   * @param layer the final layer L
   * @param activation σ, invertible
   * @param meanActivation ā, [layer input size] float32
   * @param settings λ and the solver's stopping rule
   */
  public InversionFeatureExtractor(
      FinalLayer layer,
      OutputActivation activation,
      float[] meanActivation,
      InversionSettings settings) {
    OutputActivation invertible = activation.requireInvertible();
    InversionSpec spec = new InversionSpec(layer, invertible, meanActivation, settings.lambda());
    this.inverter =
        new FinalLayerInverter(
            spec,
            settings.newSolver(layer),
            settings.startsAtMeanActivation(),
            settings.targetRule());
    this.format = ModelInputFormat.of(layer, invertible);
    this.shape = featureShape(layer.inputShape());
  }

  @Override
  public String method() {
    return "flipad";
  }

  @Override
  public FeatureShape shape() {
    return shape;
  }

  /** The image layout the final layer produces, which every input must have. */
  public ModelInputFormat inputFormat() {
    return format;
  }

  @Override
  public ExtractedFeatures extract(List<Image8> images) {
    float[][] inputs = new float[images.size()][];
    for (int i = 0; i < inputs.length; i++) {
      Image8 image = images.get(i);
      format.requireSize("Image " + i, image.width(), image.height());
      inputs[i] = format.toModelInput(image);
    }
    List<RecoveredActivation> results = inverter.invert(inputs);
    float[][] rows = new float[results.size()][];
    List<SolverStatistics> statistics = new ArrayList<>(results.size());
    for (int i = 0; i < rows.length; i++) {
      rows[i] = results.get(i).activation();
      statistics.add(SolverStatistics.of(results.get(i)));
    }
    return new ExtractedFeatures(rows, statistics);
  }

  /** A dense layer's vector input is a d×1×1 tensor shape already; keep C×H×W as it is. */
  private static FeatureShape featureShape(TensorShape input) {
    return new FeatureShape(input.channels(), input.height(), input.width());
  }

  @Override
  public void close() {
    inverter.close();
  }
}
