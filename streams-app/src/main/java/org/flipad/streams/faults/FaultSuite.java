package org.flipad.streams.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.data.Image8;
import org.flipad.core.metric.NearestRank;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.demo.MixedImages;
import org.flipad.streams.demo.Terminal;
import org.flipad.streams.demo.TerminalCollector;
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

  /** A near-limit record: just under the producer's 1 MiB request limit, over the inline cap. */
  private static final int NEAR_ONE_MIB = 1_040_000;

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

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
    int brokerPort = freePort();
    int registryPort = freePort();
    String bootstrap = "127.0.0.1:" + brokerPort;
    List<FlipadProcess> all = new ArrayList<>();
    try {
      FlipadProcess broker =
          FlipadProcess.start(
              "broker",
              List.of(
                  "broker",
                  "--port",
                  String.valueOf(brokerPort),
                  "--data",
                  dir.resolve("broker").toString(),
                  "--create-topics",
                  "--partitions",
                  "2"),
              logs,
              null,
              null,
              settings.mainClass());
      all.add(broker);
      broker.awaitLogLine("bootstrap.servers=", START_TIMEOUT);
      FlipadProcess registry =
          FlipadProcess.start(
              "registry",
              List.of(
                  "registry",
                  "--port",
                  String.valueOf(registryPort),
                  "--bootstrap-servers",
                  bootstrap,
                  "--register-flipad-schemas"),
              logs,
              null,
              null,
              settings.mainClass());
      all.add(registry);
      registry.awaitLogLine("flipad registry:", START_TIMEOUT);
      Path config = writeConfig(dir, bootstrap, registryPort);
      List<FlipadProcess> serves = new ArrayList<>();
      List<FlipadProcess> workers = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        int port = freePort();
        FlipadProcess serve =
            FlipadProcess.start(
                "serve-" + i,
                List.of(
                    "serve",
                    "--config",
                    config.toString(),
                    "-D",
                    "flipad.http.port=" + port,
                    "-D",
                    "flipad.state.dir=" + dir.resolve("state-" + i),
                    "-D",
                    "flipad.screening.instance=serve-" + i),
                logs,
                port,
                null,
                settings.mainClass());
        serves.add(serve);
        all.add(serve);
      }
      for (int i = 1; i <= 2; i++) {
        int port = freePort();
        FlipadProcess worker =
            FlipadProcess.start(
                "worker-" + i,
                List.of(
                    "worker",
                    "--config",
                    config.toString(),
                    "-D",
                    "flipad.http.port=" + port,
                    "-D",
                    "flipad.worker.id=worker-" + i,
                    "--threads",
                    "1"),
                logs,
                port,
                settings.workerJar(),
                settings.mainClass());
        workers.add(worker);
        all.add(worker);
      }
      for (FlipadProcess p : serves) {
        p.awaitReady(START_TIMEOUT);
      }
      for (FlipadProcess p : workers) {
        p.awaitReady(START_TIMEOUT);
      }
      return stream(scenario, bootstrap, registryPort, pool, broker, serves, workers);
    } finally {
      for (FlipadProcess p : all) {
        p.close();
      }
    }
  }

  private FaultReport stream(
      FaultScenario scenario,
      String bootstrap,
      int registryPort,
      List<Image8> pool,
      FlipadProcess broker,
      List<FlipadProcess> serves,
      List<FlipadProcess> workers)
      throws IOException, InterruptedException {
    Topics topics = Topics.defaults();
    HttpSchemaRegistryClient registryClient =
        HttpSchemaRegistryClient.create(
            HttpRegistryClientSettings.defaults(
                java.net.URI.create("http://127.0.0.1:" + registryPort)));
    ServiceSerdes serdes = ServiceSerdes.create(registryClient, AvroSerdeSettings.defaults());
    Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    DemoUploads factory =
        new DemoUploads(serdes.uploads(), topics.uploads(), InstantSource.system());
    List<DemoUpload> good =
        factory.images(pool.subList(0, settings.uploads()), Map.of(), List.of(), 1);
    List<Poison> poison =
        scenario == FaultScenario.POISON
            ? poison(factory, serdes, topics, pool.get(0), good.size() / POISON_EVERY)
            : List.of();
    Map<Integer, Fault> faults = schedule(scenario, good.size(), broker, serves, workers);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> poisonAcknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger sendFailures = new AtomicInteger();
    List<String> faultLog = new ArrayList<>();
    List<Thread> faultThreads = new ArrayList<>();
    List<FlipadProcess> services = new ArrayList<>(serves);
    services.addAll(workers);
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
      return count(
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

  private static FaultReport count(
      FaultScenario scenario,
      TerminalCollector collector,
      Set<String> good,
      Set<String> poison,
      ReadinessProbe probe,
      double seconds,
      List<String> faultLog,
      int sendFailures) {
    Map<String, Terminal> ended = collector.terminals();
    Map<String, Integer> terminalCounts = collector.terminalCounts();
    Map<String, Integer> auditCounts = collector.auditCounts();
    int terminals = 0;
    int duplicated = 0;
    int audited = 0;
    int duplicatedAudits = 0;
    int timeouts = 0;
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    for (String id : good) {
      Terminal t = ended.get(id);
      if (t != null) {
        terminals++;
        if (t.decision() != null) {
          latencies.add(t.endToEndMillis());
        }
        String outcome =
            t.decision() != null
                ? t.decision() + (t.detail() == null ? "" : " " + t.detail())
                : "dead letter " + t.deadLetter();
        outcomes.merge(outcome, 1, Integer::sum);
        if (UndecidedReason.TIMEOUT.name().equals(t.detail()) && t.decision() != null) {
          timeouts++;
        }
      }
      duplicated += terminalCounts.getOrDefault(id, 0) > 1 ? 1 : 0;
      int audits = auditCounts.getOrDefault(id, 0);
      audited += audits > 0 ? 1 : 0;
      duplicatedAudits += audits > 1 ? 1 : 0;
    }
    int poisonDeadLettered = 0;
    for (String id : poison) {
      Terminal t = ended.get(id);
      if (t != null && t.deadLetter() != null && terminalCounts.getOrDefault(id, 0) == 1) {
        poisonDeadLettered++;
      }
    }
    List<String> notes = new ArrayList<>(faultLog);
    if (sendFailures > 0) {
      notes.add(sendFailures + " sends were not acknowledged by the broker and are not counted");
    }
    return new FaultReport(
        scenario,
        good.size(),
        poison.size(),
        terminals,
        good.size() - terminals,
        duplicated,
        audited,
        good.size() - audited,
        duplicatedAudits,
        timeouts,
        poisonDeadLettered,
        outcomes,
        probe.notReady(),
        probe.unexpectedExits(),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0),
        collector.reread(),
        seconds,
        notes);
  }

  /**
   * Probes every serve and worker process's {@code /ready} every 500 ms while uploads stream,
   * skipping the ones the suite has taken down, and notes any that exits unasked.
   */
  private static final class ReadinessProbe implements AutoCloseable {
    private final List<FlipadProcess> processes;
    private final AtomicInteger notReady = new AtomicInteger();
    private final Set<String> exited = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "readiness-probe");
              t.setDaemon(true);
              return t;
            });

    ReadinessProbe(List<FlipadProcess> processes) {
      this.processes = List.copyOf(processes);
      timer.scheduleWithFixedDelay(
          this::probe, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void probe() {
      for (FlipadProcess p : processes) {
        if (p.exitedUnexpectedly()) {
          exited.add(p.name());
        } else if (!p.downOnPurpose() && !p.ready()) {
          notReady.incrementAndGet();
        }
      }
    }

    int notReady() {
      return notReady.get();
    }

    int unexpectedExits() {
      return exited.size();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  /** The nearest-rank percentile of {@code values} (0 for none). */
  static long percentile(List<Long> values, double fraction) {
    return NearestRank.of(values, fraction, 0);
  }

  /** An action on a process at a point of the stream. */
  private interface Action {
    void run() throws IOException, InterruptedException;
  }

  private record Fault(String description, Action action) {
    void runUnchecked() {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Map<Integer, Fault> schedule(
      FaultScenario scenario,
      int uploads,
      FlipadProcess broker,
      List<FlipadProcess> serves,
      List<FlipadProcess> workers) {
    Map<Integer, Fault> faults = new HashMap<>();
    switch (scenario) {
      case KILL -> {
        faults.put(uploads * 15 / 100, killAndRestart(serves.get(0)));
        faults.put(uploads * 35 / 100, killAndRestart(workers.get(0)));
        faults.put(uploads * 55 / 100, killAndRestart(serves.get(1)));
        faults.put(uploads * 75 / 100, killAndRestart(workers.get(1)));
      }
      case WORKER_KILL -> faults.put(uploads / 3, killAndRestart(workers.get(0)));
      case STOP -> {
        FlipadProcess worker = workers.get(0);
        faults.put(
            uploads / 4,
            new Fault(
                "SIGSTOP " + worker.name() + " for 30 s, then SIGCONT",
                () -> {
                  worker.pause();
                  Thread.sleep(30_000);
                  worker.resume();
                }));
      }
      case BROKER_RESTART ->
          faults.put(
              uploads * 2 / 5,
              new Fault(
                  "stop the broker (SIGTERM) and start it again on its data",
                  () -> {
                    broker.close();
                    broker.restart();
                    broker.awaitLogLine("bootstrap.servers=", START_TIMEOUT);
                  }));
      case POISON -> {
        // the poison records themselves are the fault
      }
    }
    return faults;
  }

  private static Fault killAndRestart(FlipadProcess process) {
    return new Fault(
        "kill -9 " + process.name() + ", restart it at once",
        () -> {
          process.kill();
          process.restart();
        });
  }

  /**
   * A poison record: the upload id it carries, or for bytes that are not an upload the record key
   * it is sent with (the dead letter is keyed by it); and its value's bytes.
   */
  private record Poison(String key, byte[] value) {}

  /**
   * {@code count} poison records, every one with its own id (a dead-lettered id is not remembered,
   * so a repeat would be dead-lettered again and counted twice): each kind of {@link
   * DemoUploads#malformed}, an upload id declaring 2^40 bytes, and a near-1 MiB upload, in turn.
   */
  private static List<Poison> poison(
      DemoUploads factory, ServiceSerdes serdes, Topics topics, Image8 valid, int count) {
    List<Poison> poison = new ArrayList<>();
    while (poison.size() < count) {
      for (DemoUpload bad :
          factory.malformed(valid, ScreeningSettings.defaults().maxInlineBytes())) {
        poison.add(
            new Poison(
                bad.uploadId(), bad.encode(serdes.uploads(), topics.uploads(), Instant.now())));
      }
      List<DemoUpload> two = factory.images(List.of(valid, valid), Map.of(), List.of(), 1);
      byte[] framed = two.get(0).encode(serdes.uploads(), topics.uploads(), Instant.now());
      // The registered schema's header (magic byte and id), then an upload id declaring 2^40 bytes.
      ByteArrayOutputStream declared = new ByteArrayOutputStream();
      declared.write(framed, 0, 5);
      zigZagVarint(declared, 1L << 40);
      poison.add(new Poison(two.get(0).uploadId(), declared.toByteArray()));
      ImageUpload near =
          ImageUpload.newBuilder(two.get(1).upload())
              .setImageBytes(ByteBuffer.wrap(new byte[NEAR_ONE_MIB]))
              .setSizeBytes((long) NEAR_ONE_MIB)
              .build();
      poison.add(
          new Poison(two.get(1).uploadId(), serdes.uploads().serialize(topics.uploads(), near)));
    }
    return poison.subList(0, count);
  }

  /** Avro's long encoding: zig-zag, then 7 bits per byte, low first. */
  private static void zigZagVarint(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
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

  private Path writeConfig(Path dir, String bootstrap, int registryPort) throws IOException {
    String text =
        String.join(
            "\n",
            "# written by flipad bench faults: the defaults, plus where the broker, registry and",
            "# model are",
            "kafka.bootstrap.servers=" + bootstrap,
            "flipad.registry.url=http://127.0.0.1:" + registryPort,
            "flipad.models=" + modelId() + "=" + settings.detector().toAbsolutePath(),
            "flipad.http.bind=127.0.0.1",
            "");
    Path config = dir.resolve("flipad.properties");
    Files.writeString(config, text, StandardCharsets.UTF_8);
    return config;
  }

  private String modelId() {
    String file = settings.detector().getFileName().toString();
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
