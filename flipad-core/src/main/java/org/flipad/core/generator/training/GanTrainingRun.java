package org.flipad.core.generator.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.flipad.core.generator.BatchRows;
import org.flipad.core.generator.LatentNoise;
import org.flipad.core.generator.architecture.NetworkGeneratorModel;
import org.flipad.core.inversion.TensorShape;

/**
 * The live state of one training run: generator, adversary, both Adam states, and one generator
 * step at a time. {@link GanTrainer} drives it over epochs.
 *
 * <p>A step follows the references: k adversary updates (k = 5 for WGAN-GP, else 1), each on a
 * fresh real batch and a fresh generated batch detached from the generator; then one generator
 * update on the last generated batch, scored by the just-updated adversary. Generator BatchNorm
 * runs in training mode (batch statistics) throughout, as in PyTorch.
 */
final class GanTrainingRun implements AutoCloseable {

  private static final int CHECKPOINT_VERSION = 1;

  private final GanTrainingSettings settings;
  private final NetworkGeneratorModel generator;
  private final Model adversaryModel;
  private final GanObjective objective;
  private final AdamParameters generatorAdam;
  private final AdamParameters adversaryAdam;

  private GanTrainingRun(
      GanTrainingSettings settings,
      NetworkGeneratorModel generator,
      Model adversaryModel,
      GanObjective objective) {
    this.settings = settings;
    this.generator = generator;
    this.adversaryModel = adversaryModel;
    this.objective = objective;
    AdamSettings adam = settings.architecture().adam();
    this.generatorAdam = new AdamParameters(generator.network().block(), generator.manager(), adam);
    this.adversaryAdam =
        new AdamParameters(objective.adversary(), adversaryModel.getNDManager(), adam);
  }

  /**
   * Fresh networks initialised from the settings' seed (generator and adversary streams differ).
   */
  static GanTrainingRun start(GanTrainingSettings settings) {
    SplittableRandom seeds = new SplittableRandom(settings.seed());
    NetworkGeneratorModel generator =
        NetworkGeneratorModel.initialised(settings.architecture().newGenerator(seeds.nextLong()));
    GanObjective objective = settings.architecture().newObjective(seeds.nextLong());
    Model adversaryModel = Model.newInstance(settings.architecture().id() + "-adversary");
    try {
      adversaryModel.setBlock(objective.adversary());
      TensorShape image = generator.shape().image();
      objective
          .adversary()
          .initialize(
              adversaryModel.getNDManager(),
              DataType.FLOAT32,
              new Shape(1, image.channels(), image.height(), image.width()));
      return new GanTrainingRun(settings, generator, adversaryModel, objective);
    } catch (RuntimeException e) {
      adversaryModel.close();
      generator.close();
      throw e;
    }
  }

  /** Adversary updates per generator step. */
  int adversaryStepsPerGeneratorStep() {
    return objective.adversaryStepsPerGeneratorStep();
  }

  /** The generator being trained (shares parameters with the run). */
  NetworkGeneratorModel generator() {
    return generator;
  }

  /**
   * One generator step.
   *
   * @param realBatches k batches [B·C·H·W] in [−1, 1], one per adversary update
   * @param random this step's stream for noise and interpolation weights
   */
  StepLosses step(List<float[]> realBatches, SplittableRandom random) {
    int k = objective.adversaryStepsPerGeneratorStep();
    if (realBatches.size() != k) {
      throw new IllegalArgumentException(
          "A step takes " + k + " real batches; got " + realBatches.size() + ".");
    }
    try (NDManager scope = generator.manager().newSubManager()) {
      ParameterStore store = new ParameterStore(scope, false);
      AdversaryStep context = new AdversaryStep(store, adversaryAdam, random);
      NDArray fake = null;
      float adversaryLoss = Float.NaN;
      for (int i = 0; i < k; i++) {
        NDArray real = realBatch(scope, realBatches.get(i));
        NDArray generated = generate(scope, store, random, i == k - 1);
        NDArray detached = generated.stopGradient();
        NDArray loss = Autograd.recording(() -> objective.adversaryLoss(real, detached, context));
        Autograd.backward(loss);
        adversaryAdam.step();
        adversaryLoss = loss.getFloat();
        fake = generated;
      }
      NDArray lastFake = fake;
      NDArray generatorLoss = Autograd.recording(() -> objective.generatorLoss(lastFake, store));
      Autograd.backward(generatorLoss);
      generatorAdam.step();
      adversaryAdam.zeroGradients();
      return new StepLosses(adversaryLoss, generatorLoss.getFloat());
    }
  }

  private NDArray realBatch(NDManager scope, float[] pixels) {
    TensorShape image = generator.shape().image();
    int b = settings.batchSize();
    if (pixels.length != b * image.size()) {
      throw new IllegalArgumentException(
          "A real batch has "
              + pixels.length
              + " values; expected "
              + b
              + " images of "
              + image.size()
              + ".");
    }
    return scope.create(pixels, new Shape(b, image.channels(), image.height(), image.width()));
  }

  /** G(z) in training mode; with a graph back to the generator only when it will be trained on. */
  private NDArray generate(
      NDManager scope, ParameterStore store, SplittableRandom random, boolean withGraph) {
    int b = settings.batchSize();
    int d = generator.shape().latentSize();
    float[] flat = BatchRows.flattenLatent(LatentNoise.draw(random, b, d), d);
    NDArray latent = scope.create(flat, new Shape(b, d));
    if (withGraph) {
      return Autograd.recording(() -> forward(store, latent));
    }
    NDArray[] result = new NDArray[1];
    Autograd.notRecording(() -> result[0] = forward(store, latent));
    return result[0];
  }

  private NDArray forward(ParameterStore store, NDArray latent) {
    return generator.network().block().forward(store, new NDList(latent), true).singletonOrThrow();
  }

  /** Writes everything needed to continue exactly: both networks and both Adam states. */
  void save(DataOutputStream out, int completedEpochs) throws IOException {
    out.writeInt(CHECKPOINT_VERSION);
    out.writeUTF(settings.architecture().id());
    out.writeLong(settings.seed());
    out.writeInt(settings.batchSize());
    out.writeInt(completedEpochs);
    generator.network().block().saveParameters(out);
    objective.adversary().saveParameters(out);
    generatorAdam.save(out);
    adversaryAdam.save(out);
    out.flush();
  }

  /**
   * Restores a checkpoint written by {@link #save} for the same architecture, seed and batch size.
   *
   * @return the number of epochs it had completed
   */
  int load(DataInputStream in) throws IOException {
    int version = in.readInt();
    String architecture = in.readUTF();
    long seed = in.readLong();
    int batchSize = in.readInt();
    if (version != CHECKPOINT_VERSION
        || !architecture.equals(settings.architecture().id())
        || seed != settings.seed()
        || batchSize != settings.batchSize()) {
      throw new IOException(
          String.format(
              "The checkpoint is from a different run (format %d, %s, seed %d, batch %d); this run"
                  + " is %s, seed %d, batch %d. Use a new --out directory or the same settings.",
              version,
              architecture,
              seed,
              batchSize,
              settings.architecture().id(),
              settings.seed(),
              settings.batchSize()));
    }
    int completed = in.readInt();
    try {
      generator.network().block().loadParameters(generator.manager(), in);
      objective.adversary().loadParameters(adversaryModel.getNDManager(), in);
    } catch (MalformedModelException e) {
      throw new IOException("The checkpoint's weights are damaged: " + e.getMessage(), e);
    }
    generatorAdam.load(in);
    adversaryAdam.load(in);
    return completed;
  }

  /** The adversary model's manager, for tests that count its arrays. */
  NDManager adversaryManager() {
    return adversaryModel.getNDManager();
  }

  @Override
  public void close() {
    adversaryModel.close();
    generator.close();
  }
}
