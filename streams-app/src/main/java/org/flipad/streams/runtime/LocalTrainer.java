package org.flipad.streams.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.flipad.streams.control.AuthenticationSettings;
import org.flipad.streams.control.CommandVerifier;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.control.RetrainSettings;
import org.flipad.streams.control.Trainer;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;

/**
 * The trainer of a {@link LocalStack}, on its own daemon thread: at most one runs, and starting
 * another stops it first.
 */
final class LocalTrainer {

  private final Map<String, Object> clientProperties;
  private final Topics topics;
  private final ControlSerdes controlSerdes;
  private final ServiceSerdes serdes;
  private final ModelStore modelStore;
  private final Path trainerDir;
  private Trainer trainer;
  private Thread trainerThread;

  LocalTrainer(
      Map<String, Object> clientProperties,
      Topics topics,
      ControlSerdes controlSerdes,
      ServiceSerdes serdes,
      ModelStore modelStore,
      Path trainerDir) {
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.controlSerdes = controlSerdes;
    this.serdes = serdes;
    this.modelStore = modelStore;
    this.trainerDir = trainerDir;
  }

  /**
   * Starts a trainer trusting the public keys in {@code trustedKeys}, after stopping the one
   * running (the status ledger makes the new one skip what the old one did).
   */
  Trainer start(Path trustedKeys, RetrainSettings retrainSettings) throws IOException {
    stop();
    trainer =
        new Trainer(
            clientProperties,
            topics,
            controlSerdes,
            serdes,
            new CommandVerifier(KeyFiles.readTrustedKeys(trustedKeys)),
            AuthenticationSettings.defaults(),
            modelStore,
            trainerDir,
            retrainSettings,
            InstantSource.system());
    trainerThread = new Thread(trainer, "trainer");
    trainerThread.setDaemon(true);
    trainerThread.start();
    return trainer;
  }

  /** Stops the trainer, if one runs. */
  void stop() {
    if (trainer != null) {
      trainer.close();
      try {
        trainerThread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      trainer = null;
    }
  }
}
