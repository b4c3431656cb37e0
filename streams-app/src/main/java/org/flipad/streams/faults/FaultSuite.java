package org.flipad.streams.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.data.Image8;
import org.flipad.core.progress.ProgressListener;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.demo.MixedImages;
import org.flipad.streams.demo.Terminal;
import org.flipad.streams.demo.TerminalCollector;
import org.flipad.streams.faults.FaultSchedule.Fault;
import org.flipad.streams.faults.PoisonRecords.Poison;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningSettings;

/**
 * Runs the broker, the registry, two {@code serve} and two {@code worker} processes as separate OS
 * processes with the default configuration, sends uploads at a steady rate while a {@link
 * FaultScenario} kills, stops or restarts them, then reads every terminal and audit record back
 * (read_committed) and counts what is missing or doubled.
 */
public final class FaultSuite {

  /** Poison records are sent after every this many good uploads in {@link FaultScenario#POISON}. */
  private static final int POISON_EVERY = 10;

  /**
   * @param workDir where each scenario's broker data, state and process logs go
   * @param zoo generator bundles (the watched generator's samples are half the uploads)
   * @param target the watched generator's bundle name
   * @param detector the watched model's detector bundle
   * @param uploads good uploads per scenario
   * @param rate uploads per second
   * @param workerJar another build's {@code flipad.jar} to run the workers from (to compare a
   *     release with the one before), or null for this build
   * @param mainClass the class whose {@code main} is the flipad command line, started in every
   *     process (the command line depends on this package, not the other way round)
   */
  public record Settings(
      Path workDir,
      Path zoo,
      String target,
      Path detector,
      int uploads,
      double rate,
      Path workerJar,
      String mainClass) {}

  private final Settings settings;
  private final ProgressListener progress;

  public FaultSuite(Settings settings, ProgressListener progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs {@code scenario} on a fresh broker and fresh processes. */
  public FaultReport run(FaultScenario scenario) throws IOException, InterruptedException {
    Path dir = settings.workDir().resolve(scenario.id());
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs);
    List<Image8> pool = MixedImages.targetAndReal(settings.zoo(), settings.target());
    if (settings.uploads() > pool.size()) {
      throw new IllegalArgumentException(
          "The fault suite has "
              + pool.size()
              + " distinct images; lower --uploads to at most that.");
    }
    ScenarioProcesses processes = new ScenarioProcesses(settings, dir, logs);
    try {
      processes.start();
      return stream(scenario, processes, pool);
    } finally {
      processes.close();
    }
  }

  private FaultReport stream(FaultScenario scenario, ScenarioProcesses processes, List<Image8> pool)
      throws IOException, InterruptedException {
    Topics topics = Topics.defaults();
    HttpSchemaRegistryClient registryClient =
        HttpSchemaRegistryClient.create(
            HttpRegistryClientSettings.defaults(
                java.net.URI.create("http://127.0.0.1:" + processes.registryPort())));
    ServiceSerdes serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
    Map<String, Object> client =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, processes.bootstrap());
    DemoUploads factory =
        new DemoUploads(serdes.uploads(), topics.uploads(), InstantSource.system());
    List<DemoUpload> good =
        factory.images(pool.subList(0, settings.uploads()), Map.of(), List.of(), 1);
    List<Poison> poison =
        scenario == FaultScenario.POISON
            ? PoisonRecords.poison(factory, serdes, topics, pool.get(0), good.size() / POISON_EVERY)
            : List.of();
    Map<Integer, Fault> faults =
        FaultSchedule.forScenario(
            scenario, good.size(), processes.broker(), processes.serves(), processes.workers());
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> poisonAcknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger sendFailures = new AtomicInteger();
    List<String> faultLog = new ArrayList<>();
    List<Thread> faultThreads = new ArrayList<>();
    List<FlipadProcess> services = new ArrayList<>(processes.serves());
    services.addAll(processes.workers());
    long start = System.nanoTime();
    try (ReadinessProbe probe = new ReadinessProbe(services);
        TerminalCollector collector =
            new TerminalCollector(client, topics, serdes, "fault-suite-" + scenario.id());
        KafkaProducer<String, byte[]> producer = producer(client)) {
      progress.start(scenario.id(), good.size());
      int poisonNext = 0;
      for (int i = 0; i < good.size(); i++) {
        long wait = start + (long) (i * 1e9 / settings.rate()) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        Fault fault = faults.get(i);
        if (fault != null) {
          faultLog.add(String.format("after %d uploads: %s", i, fault.description()));
          Thread thread = new Thread(fault::runUnchecked, "fault-" + i);
          thread.start();
          faultThreads.add(thread);
        }
        DemoUpload upload = good.get(i);
        send(
            producer,
            topics.uploads(),
            upload.uploadId(),
            upload.encode(serdes.uploads(), topics.uploads(), Instant.now()),
            acknowledged,
            sendFailures);
        if (!poison.isEmpty() && i % POISON_EVERY == POISON_EVERY - 1) {
          Poison p = poison.get(poisonNext++);
          send(producer, topics.uploads(), p.key(), p.value(), poisonAcknowledged, sendFailures);
        }
        progress.advance(Math.min(collector.count(), good.size()), "sent " + (i + 1));
      }
      producer.flush();
      for (Thread thread : faultThreads) {
        thread.join();
      }
      drain(collector, acknowledged, poisonAcknowledged);
      return FaultTally.count(
          scenario,
          collector,
          acknowledged,
          poisonAcknowledged,
          probe,
          (System.nanoTime() - start) / 1e9,
          faultLog,
          sendFailures.get());
    }
  }

  /**
   * Waits until every acknowledged record has ended, or until a deadline plus two minutes have
   * passed with nothing new; then a few seconds more, so a late duplicate is still counted.
   */
  private void drain(TerminalCollector collector, Set<String> good, Set<String> poison)
      throws InterruptedException {
    long quietLimit = ScreeningSettings.defaults().deadline().plus(Duration.ofMinutes(2)).toNanos();
    long lastChange = System.nanoTime();
    int last = -1;
    while (System.nanoTime() - lastChange < quietLimit) {
      Map<String, Terminal> ended = collector.terminals();
      int done = 0;
      for (String id : good) {
        done += ended.containsKey(id) ? 1 : 0;
      }
      for (String id : poison) {
        done += ended.containsKey(id) ? 1 : 0;
      }
      if (done != last) {
        last = done;
        lastChange = System.nanoTime();
        progress.advance(Math.min(done, good.size()), "draining: " + done + " ended");
      }
      if (done == good.size() + poison.size()) {
        break;
      }
      Thread.sleep(200);
    }
    Thread.sleep(5_000);
    progress.finish(last + " ended");
  }

  private static void send(
      KafkaProducer<String, byte[]> producer,
      String topic,
      String key,
      byte[] value,
      Set<String> acknowledged,
      AtomicInteger failures) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error == null) {
            acknowledged.add(key);
          } else {
            failures.incrementAndGet();
          }
        });
  }

  private static KafkaProducer<String, byte[]> producer(Map<String, Object> client) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    // A broker restart must delay sends, not fail them.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }
}
