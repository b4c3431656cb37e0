package org.flipad.core.detector;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.flipad.core.feature.FeatureShape;

/**
 * A trained DeepSAD detector: the network φ, its DJL {@link Model}, and the centre c. Scores s(x) =
 * ‖φ(x) − c‖² with BatchNorm in evaluation mode, so a score depends only on its own sample.
 *
 * <p>Each call works in sub-managers closed before it returns, so the model's array count stays
 * flat. Use one thread at a time, as with a DJL Predictor. Closing releases the parameters.
 */
public final class DeepSadModel implements AutoCloseable {

  private static final int MAGIC = 0x44534144; // "DSAD"
  private static final int FORMAT_VERSION = 1;
  private static final int SCORING_BATCH = 256;

  private final DeepSadNetwork network;
  private final Model model;
  private final float[] centre;

  /** Takes ownership of {@code model}, whose block is {@code network}'s, initialised. */
  DeepSadModel(DeepSadNetwork network, Model model, float[] centre) {
    this.network = network;
    this.model = model;
    this.centre = centre.clone();
  }

  /** A DJL model holding {@code network}'s block, its seeded initial weights drawn. */
  static Model initialisedModel(DeepSadNetwork network) {
    Model model = Model.newInstance("deepsad-" + network.architecture().id());
    try {
      model.setBlock(network.block());
      network.block().initialize(model.getNDManager(), DataType.FLOAT32, network.batchShape(1));
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw new IllegalStateException(
          "Could not initialise the DeepSAD "
              + network.architecture().id()
              + " network for "
              + network.input()
              + " features: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The squared distance to c of each sample.
   *
   * @param features N samples, each C×H×W float32 values in C order
   * @return N scores ‖φ(x) − c‖² ≥ 0; larger means less like the target
   */
  public double[] score(float[][] features) {
    FeatureRows.requireShape(features, network);
    double[] scores = new double[features.length];
    int[] order = FeatureRows.identity(features.length);
    for (int from = 0; from < features.length; from += SCORING_BATCH) {
      int to = Math.min(features.length, from + SCORING_BATCH);
      try (NDManager scope = model.getNDManager().newSubManager()) {
        NDArray x = FeatureRows.batch(scope, network, features, order, from, to);
        NDArray phi = network.represent(scope, x, false);
        float[] d = DeepSadLoss.squaredDistances(phi, scope.create(centre)).toFloatArray();
        for (int i = 0; i < d.length; i++) {
          scores[from + i] = d[i];
        }
      }
    }
    return scores;
  }

  /** A copy of the centre c [representationSize]. */
  public float[] centre() {
    return centre.clone();
  }

  /** The network kind. */
  public DeepSadArchitecture architecture() {
    return network.architecture();
  }

  /** The C×H×W of one feature sample. */
  public FeatureShape inputShape() {
    return network.input();
  }

  /**
   * Writes the architecture, input shape, c and every parameter (running statistics included, DJL's
   * parameter format) to {@code out}, which stays open.
   */
  public void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(FORMAT_VERSION);
    data.writeUTF(network.architecture().id());
    FeatureShape input = network.input();
    data.writeInt(input.channels());
    data.writeInt(input.height());
    data.writeInt(input.width());
    data.writeInt(centre.length);
    for (float value : centre) {
      data.writeFloat(value);
    }
    network.block().saveParameters(data);
    data.flush();
  }

  /**
   * A model read from a stream written by {@link #save}.
   *
   * @throws IOException when the stream cannot be read or is not a saved DeepSAD model
   */
  public static DeepSadModel load(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readInt();
    int version = data.readInt();
    if (magic != MAGIC || version != FORMAT_VERSION) {
      throw new IOException(
          String.format(
              "The stream starts with %08x version %d; expected a DeepSAD model (%08x) version %d."
                  + " Pass a file written by DeepSadModel.save.",
              magic, version, MAGIC, FORMAT_VERSION));
    }
    DeepSadArchitecture architecture = DeepSadArchitecture.fromId(data.readUTF());
    FeatureShape input = new FeatureShape(data.readInt(), data.readInt(), data.readInt());
    float[] centre = new float[data.readInt()];
    for (int j = 0; j < centre.length; j++) {
      centre[j] = data.readFloat();
    }
    return withParameters(architecture.newNetwork(input, 0), centre, data);
  }

  private static DeepSadModel withParameters(
      DeepSadNetwork network, float[] centre, DataInputStream data) throws IOException {
    Model model = initialisedModel(network);
    try {
      network.block().loadParameters(model.getNDManager(), data);
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(
          "The saved DeepSAD parameters do not fit the "
              + network.architecture().id()
              + " network for "
              + network.input()
              + ": "
              + e.getMessage()
              + ". The file is damaged or was written by another version.",
          e);
    }
    if (centre.length != network.representationSize()) {
      model.close();
      throw new IOException(
          "The saved centre has "
              + centre.length
              + " components; the network's representation has "
              + network.representationSize()
              + ". The file is damaged or was written by another version.");
    }
    return new DeepSadModel(network, model, centre);
  }

  /** The model's manager, for tests that count its arrays. */
  NDManager manager() {
    return model.getNDManager();
  }

  /** Releases the parameters and every array of the model. */
  @Override
  public void close() {
    model.close();
  }
}
