package org.flipad.streams.control;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flipad.schema.ControlCommand;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.streams.model.ModelStore;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.SerdeException;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer service: reads signed commands from {@code flipad.control}, refuses unauthenticated,
 * tampered, replayed and malformed ones to the dead-letter topic, and carries out the rest once
 * each, reporting on {@code flipad.training.status} and publishing ModelVersion records to {@code
 * flipad.models}. RETRAIN and REGISTER run on a background job thread (one at a time), so that
 * DISABLE or ROLLBACK still act at once while a detector trains.
 *
 * <p>Once per command id across restarts: the status topic is the ledger. At start the trainer
 * reads it; ids with a status count as seen (a redelivery is a replay), and jobs left ACCEPTED or
 * RUNNING by a crash are closed as FAILED, to be re-issued under a new id.
 */
public final class Trainer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final Map<String, Object> client;
  private final Topics topics;
  private final ControlSerdes serdes;
  private final ServiceSerdes serviceSerdes;
  private final CommandVerifier verifier;
  private final AuthenticationSettings authSettings;
  private final ModelStore store;
  private final Path workDir;
  private final RetrainSettings retrainSettings;
  private final InstantSource clock;
  private final ModelsFollower models;
  private final ExecutorService jobs;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /**
   * Ids of every command accepted, from the status ledger and since: one string per command ever
   * run, so that no restart runs one twice.
   */
  private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();

  private volatile KafkaConsumer<String, byte[]> consumer;

  /** Status, dead-letter and registry writes; set when {@link #run} starts. */
  private volatile TrainerOutputs out;

  /** Carries out accepted commands; set when {@link #run} starts. */
  private volatile CommandExecution execution;

  private CommandAuthenticator authenticator;

  /**
   * A trainer; call {@link #run} on its own thread.
   *
   * @param clientProperties Kafka client settings, passed through
   * @param verifier the operators' trusted public keys
   * @param store where new detector bundles are kept
   * @param workDir scratch space for bundles being built
   * @param retrainSettings a RETRAIN's defaults (network, sizes, negative bank) and its quality
   *     gate ({@link RetrainSettings#defaults()})
   */
  public Trainer(
      Map<String, Object> clientProperties,
      Topics topics,
      ControlSerdes serdes,
      ServiceSerdes serviceSerdes,
      CommandVerifier verifier,
      AuthenticationSettings authSettings,
      ModelStore store,
      Path workDir,
      RetrainSettings retrainSettings,
      InstantSource clock) {
    this.retrainSettings = retrainSettings;
    this.client = Map.copyOf(clientProperties);
    this.topics = topics;
    this.serdes = serdes;
    this.serviceSerdes = serviceSerdes;
    this.verifier = verifier;
    this.authSettings = authSettings;
    this.store = store;
    this.workDir = workDir;
    this.clock = clock;
    this.models = new ModelsFollower(client, topics.models(), serdes.models());
    this.jobs =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "trainer-job");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void run() {
    try (KafkaConsumer<String, byte[]> commands = new KafkaConsumer<>(consumerProperties());
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(TrainerOutputs.producerProperties(client))) {
      this.consumer = commands;
      this.out = new TrainerOutputs(producer, topics, serdes, serviceSerdes, clock);
      this.execution =
          new CommandExecution(
              client,
              topics,
              serdes,
              serviceSerdes,
              store,
              workDir,
              retrainSettings,
              clock,
              models,
              out);
      models.start();
      models.awaitCaughtUp(Duration.ofSeconds(60));
      ReplayMemory memory = recoverLedger();
      authenticator = new CommandAuthenticator(verifier, memory, authSettings, clock);
      commands.subscribe(List.of(topics.control()));
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(200))) {
          handle(record);
        }
        commands.commitSync();
      }
    } catch (WakeupException e) {
      // close() stops the loop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      models.close();
    }
  }

  /**
   * Reads the status ledger: the ids it accepted are never run again (kept in {@link #acceptedIds},
   * not in the replay memory, whose capacity is for the ids of the last {@code maxAge} only);
   * unfinished jobs of a previous run are closed as FAILED.
   */
  private ReplayMemory recoverLedger() {
    Map<String, TrainingStatus> last =
        StatusLedger.read(client, topics.trainingStatus(), serdes.status());
    acceptedIds.addAll(StatusLedger.acceptedIds(last));
    BoundedReplayMemory memory = new BoundedReplayMemory(authSettings.replayCapacity(), clock);
    for (TrainingStatus status : last.values()) {
      if (status.getState() == TrainingState.ACCEPTED
          || status.getState() == TrainingState.RUNNING) {
        out.status(
            status.getCommandId(),
            status.getModelId(),
            TrainingState.FAILED,
            null,
            "The trainer restarted while this job ran; nothing was published. Re-issue the"
                + " command with a new command id.",
            null);
      }
    }
    out.flush();
    return memory;
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    ControlCommand command;
    try {
      command = serdes.commands().deserialize(record.topic(), record.value());
    } catch (SerdeException e) {
      out.deadLetter(
          record, DeadLetterReason.INVALID_COMMAND, "Unreadable command: " + e.getMessage(), null);
      return;
    }
    if (command == null) {
      out.deadLetter(record, DeadLetterReason.INVALID_COMMAND, "A null (tombstone) command.", null);
      return;
    }
    AuthenticationResult result = authenticator.authenticate(command);
    if (result instanceof AuthenticationResult.Rejected rejected) {
      LOG.warn("Refused command {}: {}", command.getCommandId(), rejected.detail());
      out.deadLetter(
          record, rejected.reason().deadLetterReason(), rejected.detail(), command.getModelId());
      if (rejected.reason() != RejectionReason.REPLAYED_COMMAND) {
        // A replay must not overwrite the original's status (same key).
        out.status(
            command.getCommandId(),
            command.getModelId(),
            TrainingState.REJECTED,
            null,
            rejected.detail(),
            null);
      }
      return;
    }
    if (!acceptedIds.add(command.getCommandId())) {
      // Signed, fresh and new to the replay memory, yet the ledger ran it before this restart.
      out.deadLetter(
          record,
          DeadLetterReason.REPLAYED_COMMAND,
          CommandMessages.repeated(command),
          command.getModelId());
      return;
    }
    out.status(
        command.getCommandId(), command.getModelId(), TrainingState.ACCEPTED, null, null, null);
    switch (command.getType()) {
      case RETRAIN -> jobs.submit(() -> execution.retrain(command));
      case REGISTER -> jobs.submit(() -> execution.register(command));
      default -> execution.lifecycle(command);
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "flipad-trainer");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /**
   * Stops taking commands; a job in progress is abandoned (it will be reported FAILED at restart).
   */
  @Override
  public void close() {
    running.set(false);
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    jobs.shutdownNow();
    try {
      jobs.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
