package org.flipad.streams.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.attribution.Attribution;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.Decision;
import org.flipad.streams.control.Ed25519;
import org.flipad.streams.control.KeyFiles;
import org.flipad.streams.runtime.LocalStack;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.DetectorLoader;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerSettings;

/**
 * The embedded demo: one JVM with a KRaft broker, the schema registry, the screening service and
 * inversion workers; a producer streams a known mix of uploads and the verdicts are read back and
 * compared with the truth and with the offline detector on the same images.
 */
public final class DemoRun {

  private static final Duration DEMO_CACHE_TTL = Duration.ofHours(6);

  private final DemoSettings settings;
  private final PrintWriter out;
  private final ProgressListener progress;
  private final AtomicBoolean stop = new AtomicBoolean();

  /** A demo printing to {@code out} with a progress bar on {@code progress}. */
  public DemoRun(DemoSettings settings, PrintWriter out, ProgressListener progress) {
    this.settings = settings;
    this.out = out;
    this.progress = progress;
  }

  /** Asks a following demo to stop (from a shutdown hook). */
  public void requestStop() {
    stop.set(true);
  }

  /** Runs the demo to its summary (and, with follow, until {@link #requestStop}). */
  public DemoReport run() throws IOException, InterruptedException {
    // The offline detector: the same bundle, judged in this thread, for the agreement check.
    LoadedModel watched = DetectorLoader.load(settings.detector(), null, 1, settings.fnr());
    DemoImages images = DemoImages.draw(settings);
    // The cache must outlive the whole run, however slow the machine, so that every re-upload can
    // be answered from it: the summary's re-upload line should not depend on the machine's load.
    ScreeningSettings screening =
        ScreeningSettings.defaults().withDeadline(settings.deadline()).withCacheTtl(DEMO_CACHE_TTL);
    long start = System.nanoTime();
    try (LocalStack stack =
        new LocalStack(
            settings.workDir(),
            settings.partitions(),
            screening,
            ScreeningListener.NONE,
            settings.http())) {
      stack.publishModel(
          settings.detector(), settings.zoo().resolve(settings.targetId()), settings.fnr());
      for (int i = 0; i < settings.workers(); i++) {
        stack.startWorker(WorkerSettings.defaults("demo-worker-" + (i + 1)));
      }
      Path keys = operatorKeys();
      stack.startTrainer(keys, settings.gateTnrTolerance());
      out.printf(
          Locale.ROOT,
          "Embedded Kafka %s, schema registry %s, screening service, %d worker(s) and the trainer"
              + " up in %.1f s. Metrics and probes: %s, %s%n",
          stack.broker().bootstrapServers(),
          stack.registry().uri(),
          settings.workers(),
          (System.nanoTime() - start) / 1e9,
          stack.http().uri().resolve("/metrics"),
          stack.http().uri().resolve("/ready"));
      if (settings.follow()) {
        out.printf(
            Locale.ROOT,
            "Control it from another terminal, e.g.:%n  java -jar streams-app/target/flipad.jar"
                + " control retrain --bootstrap-servers %s --registry-url %s --key %s --model %s"
                + " --generator %s --train 400 --validation 200 --epochs 10 --fnr %s%n"
                + "  (the quality gate scores the new detector and the active one on the same fresh"
                + " images and refuses the new one if it refuses any source's images more than"
                + " %.2f less often (plus sampling slack); a retrain this small is usually refused"
                + " against the shipped detector; set-threshold, disable, enable and rollback act"
                + " at once)%n",
            stack.broker().bootstrapServers(),
            stack.registry().uri(),
            keys.resolve("demo-operator.key"),
            watched.model().modelId(),
            settings.zoo().resolve(settings.targetId()),
            settings.fnr(),
            settings.gateTnrTolerance());
      }
      out.flush();
      return stream(stack, images, watched);
    } finally {
      watched.detector().close();
    }
  }

  /** A demo operator key pair; the trainer trusts its public half. */
  private Path operatorKeys() throws IOException {
    Path dir = settings.workDir().resolve("keys");
    if (!java.nio.file.Files.exists(dir.resolve("demo-operator.pub"))) {
      KeyFiles.write(dir, "demo-operator", Ed25519.generate(new java.security.SecureRandom()));
    }
    return dir;
  }

  private DemoReport stream(LocalStack stack, DemoImages images, LoadedModel watched)
      throws InterruptedException, IOException {
    DemoUploads factory =
        new DemoUploads(stack.serdes().uploads(), stack.topics().uploads(), InstantSource.system());
    List<DemoUpload> first =
        new ArrayList<>(
            factory.images(images.target(), images.others(), images.real(), settings.seed()));
    first.addAll(
        factory.malformed(images.target().get(0), ScreeningSettings.defaults().maxInlineBytes()));
    List<DemoUpload> again =
        factory.reuploads(first.subList(0, settings.imageCount()), settings.reuploads());
    List<DemoUpload> all = new ArrayList<>(first);
    all.addAll(again);
    out.printf(
        Locale.ROOT,
        "Sending %d uploads: %d samples of %s, %d of each of %s, %d real photos from %s, %d bad"
            + " inputs, then %d re-uploads%s.%n",
        all.size(),
        images.target().size(),
        settings.targetId(),
        settings.otherCount(),
        settings.otherIds(),
        images.real().size(),
        images.realNote(),
        first.size() - settings.imageCount(),
        again.size(),
        settings.rate() > 0
            ? String.format(Locale.ROOT, " at %.0f uploads/s", settings.rate())
            : "");
    out.flush();
    try (TerminalCollector collector =
            new TerminalCollector(
                stack.clientProperties(), stack.topics(), stack.serdes(), "flipad-demo-reader");
        KafkaProducer<String, byte[]> producer = producer(stack)) {
      progress.start("screening", all.size());
      long sendStart = System.nanoTime();
      send(producer, stack, first, collector, sendStart, 0);
      awaitEnded(collector, first.size(), all.size());
      send(producer, stack, again, collector, System.nanoTime(), 0);
      double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
      awaitEnded(collector, all.size(), all.size());
      double drainSeconds = (System.nanoTime() - sendStart) / 1e9;
      progress.finish(collector.count() + " uploads ended");
      int[] agreement = compareOffline(watched, first, collector.terminals());
      DemoReport report =
          new DemoReport(
              watched.model().label(),
              all.size(),
              collector.terminals(),
              collector.duplicates(),
              collector.audits(),
              collector.workerDeadLetters(),
              all,
              agreement[0],
              agreement[1],
              sendSeconds,
              drainSeconds);
      report.print(out, settings.fnr(), settings.requiredRate());
      out.flush();
      if (settings.follow()) {
        new DemoFollow(settings, out, stop::get).run(producer, stack, factory, collector);
      }
      return report;
    }
  }

  private KafkaProducer<String, byte[]> producer(LocalStack stack) {
    Map<String, Object> props = new HashMap<>(stack.clientProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  private void send(
      KafkaProducer<String, byte[]> producer,
      LocalStack stack,
      List<DemoUpload> uploads,
      TerminalCollector collector,
      long startNanos,
      int offset)
      throws InterruptedException {
    String topic = stack.topics().uploads();
    for (int i = 0; i < uploads.size(); i++) {
      if (settings.rate() > 0) {
        long due = startNanos + (long) ((i + offset) * 1e9 / settings.rate());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      DemoUpload upload = uploads.get(i);
      producer.send(
          new ProducerRecord<>(
              topic,
              upload.uploadId(),
              upload.encode(stack.serdes().uploads(), topic, java.time.Instant.now())));
      if (i % 10 == 0) {
        progress.advance(collector.count(), "sent " + (i + 1));
      }
    }
    producer.flush();
  }

  private void awaitEnded(TerminalCollector collector, int expected, int total)
      throws InterruptedException {
    // Every upload ends by its deadline; beyond that plus a margin something is wrong.
    long until = System.nanoTime() + settings.deadline().toNanos() * 3 + 60_000_000_000L;
    while (collector.count() < expected && System.nanoTime() < until) {
      Thread.sleep(100);
      progress.advance(collector.count(), collector.count() + " of " + total + " ended");
    }
  }

  /** Decisions of the offline detector on the same images, compared with the service's. */
  private int[] compareOffline(
      LoadedModel watched, List<DemoUpload> uploads, Map<String, Terminal> terminals) {
    List<DemoUpload> decided =
        uploads.stream()
            .filter(u -> u.image() != null)
            .filter(
                u -> {
                  Terminal t = terminals.get(u.uploadId());
                  return t != null
                      && t.modelDecision() != null
                      && t.modelDecision() != Decision.UNDECIDED;
                })
            .toList();
    int agree = 0;
    progress.start("offline check", decided.size());
    for (int from = 0; from < decided.size(); from += 32) {
      List<DemoUpload> batch = decided.subList(from, Math.min(decided.size(), from + 32));
      List<Attribution> offline =
          watched.detector().attribute(batch.stream().map(DemoUpload::image).toList());
      for (int i = 0; i < batch.size(); i++) {
        boolean attributed = offline.get(i).decisionAt(settings.fnr()).fromTarget();
        Decision service = terminals.get(batch.get(i).uploadId()).modelDecision();
        if (attributed == (service == Decision.ATTRIBUTED)) {
          agree++;
        }
      }
      progress.advance(from + batch.size(), "offline detector");
    }
    progress.finish(agree + " of " + decided.size() + " agree");
    return new int[] {agree, decided.size()};
  }
}
