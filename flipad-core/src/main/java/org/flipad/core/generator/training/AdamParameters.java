package org.flipad.core.generator.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainable parameters of one network and their Adam state, updated in place.
 *
 * <p>For step t with gradient g: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − α·m̂/(√v̂ + ε)
 * with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) — PyTorch's {@code torch.optim.Adam}. With weight decay λ
 * &gt; 0 the gradient is g + λθ first (coupled L2, {@code Adam(weight_decay=λ)}). The step size is
 * α·s, where s is a learning-rate scale (1 unless a schedule sets it, e.g. 0.1 after a milestone as
 * {@code MultiStepLR}); s is not checkpointed, the caller's schedule sets it each epoch. Written
 * here rather than using DJL's optimiser so that the moments and t can be checkpointed and a
 * resumed run continues exactly where it stopped.
 *
 * <p>Running statistics (BatchNorm mean and variance) are not trainable and are left alone.
 */
public final class AdamParameters {

  private final AdamSettings settings;
  private final List<Parameter> weights = new ArrayList<>();
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private long step;
  private float learningRateScale = 1f;

  /**
   * @param block an initialised network
   * @param stateManager long-lived manager for the moments (the model's)
   */
  public AdamParameters(Block block, NDManager stateManager, AdamSettings settings) {
    this.settings = settings;
    for (Parameter parameter : block.getParameters().values()) {
      if (parameter.requiresGradient()) {
        NDArray weight = parameter.getArray();
        weights.add(parameter);
        firstMoments.add(stateManager.zeros(weight.getShape(), weight.getDataType()));
        secondMoments.add(stateManager.zeros(weight.getShape(), weight.getDataType()));
      }
    }
  }

  /**
   * Sets the scale s of the learning rate for the following steps (the step size is α·s).
   *
   * @param scale a finite factor above 0, e.g. 0.1 after a milestone epoch
   */
  public void setLearningRateScale(float scale) {
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException(
          "Learning-rate scale is " + scale + "; expected a finite factor above 0 (e.g. 0.1).");
    }
    learningRateScale = scale;
  }

  /** Applies one Adam step from the accumulated gradients, then clears them. */
  public void step() {
    Autograd.notRecording(this::update);
  }

  private void update() {
    step++;
    float firstCorrection = (float) (1 - Math.pow(settings.beta1(), step));
    float secondCorrection = (float) (1 - Math.pow(settings.beta2(), step));
    try (NDScope ignored = new NDScope()) {
      for (int i = 0; i < weights.size(); i++) {
        NDArray weight = weights.get(i).getArray();
        NDArray g = decayed(weight);
        NDArray m = firstMoments.get(i).muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
        NDArray v =
            secondMoments.get(i).muli(settings.beta2()).addi(g.square().muli(1 - settings.beta2()));
        NDArray denominator = v.div(secondCorrection).sqrt().addi(settings.epsilon());
        float alpha = settings.learningRate() * learningRateScale;
        weight.subi(m.mul(alpha / firstCorrection).divi(denominator));
      }
    }
    zeroGradients();
  }

  /** g + λθ, or g itself without weight decay. */
  private NDArray decayed(NDArray weight) {
    NDArray g = weight.getGradient();
    return settings.weightDecay() > 0 ? g.add(weight.mul(settings.weightDecay())) : g;
  }

  /** Clears the accumulated gradients without stepping. */
  public void zeroGradients() {
    Autograd.notRecording(
        () -> {
          for (Parameter weight : weights) {
            Autograd.zeroGradient(weight.getArray());
          }
        });
  }

  /** Re-attaches gradients after parameters were replaced by loading (DJL loads without them). */
  private void requireGradients() {
    for (Parameter weight : weights) {
      if (!weight.getArray().hasGradient()) {
        weight.getArray().setRequiresGradient(true);
      }
    }
  }

  /** Steps taken so far. */
  public long steps() {
    return step;
  }

  /** Writes t and the moments. */
  public void save(DataOutputStream out) throws IOException {
    out.writeLong(step);
    NDList moments = new NDList();
    for (int i = 0; i < weights.size(); i++) {
      moments.add(firstMoments.get(i));
      moments.add(secondMoments.get(i));
    }
    byte[] encoded = moments.encode();
    out.writeInt(encoded.length);
    out.write(encoded);
  }

  /** Restores t and the moments written by {@link #save} for the same network. */
  public void load(DataInputStream in) throws IOException {
    long savedStep = in.readLong();
    byte[] encoded = new byte[in.readInt()];
    in.readFully(encoded);
    requireGradients();
    try (NDManager scratch = firstMoments.get(0).getManager().newSubManager()) {
      NDList moments = NDList.decode(scratch, encoded);
      if (moments.size() != 2 * weights.size()) {
        throw new IOException(
            "The checkpoint holds Adam state for "
                + moments.size() / 2
                + " parameters; this network has "
                + weights.size()
                + ". Resume with the same architecture.");
      }
      for (int i = 0; i < weights.size(); i++) {
        firstMoments.get(i).set(moments.get(2 * i).toFloatArray());
        secondMoments.get(i).set(moments.get(2 * i + 1).toFloatArray());
      }
    }
    step = savedStep;
  }
}
