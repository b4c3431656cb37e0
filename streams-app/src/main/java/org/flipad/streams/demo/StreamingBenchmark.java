package org.flipad.streams.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.data.Image8;
import org.flipad.core.progress.ProgressListener;
import org.flipad.schema.Decision;
import org.flipad.streams.runtime.LocalStack;
import org.flipad.streams.runtime.OpsHttpSettings;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.WorkerSettings;

/**
 * Sustained throughput and end-to-end latency of the demo topology with one watched model: first
 * the maximum rate (a burst sent as fast as possible, divided by the time until its last verdict),
 * then steady phases at fractions of it, each measuring the latency of its own uploads. Every
 * upload is a distinct image (half samples of the watched generator, half real photos), so the
 * decision cache never answers.
 */
public final class StreamingBenchmark {

  /**
   * @param workDir broker data and state
   * @param zoo generator bundles
   * @param detector the watched model's detector bundle
   * @param target the watched generator
   * @param burst uploads of the saturation burst
   * @param phase duration of each steady phase
   * @param fractions fractions of the maximum rate to run steady phases at, e.g. 0.5, 0.9
   * @param workers inversion workers
   * @param partitions partitions of the upload-path topics
   */
  public record Settings(
      Path workDir,
      Path zoo,
      Path detector,
      String target,
      int burst,
      Duration phase,
      List<Double> fractions,
      int workers,
      int partitions) {}

  /**
   * One measured phase.
   *
   * @param name what was measured
   * @param offeredRate uploads/s sent (0 = as fast as possible)
   * @param uploads uploads sent
   * @param achievedRate uploads ended per second, first send to last verdict
   * @param p50Millis median end-to-end latency
   * @param p99Millis 99th-percentile end-to-end latency
   * @param maxMillis slowest upload
   * @param undecided uploads that ended UNDECIDED (deadline missed)
   * @param meanSplit where the phase's uploads spent their time on average (verdicts not answered
   *     from the cache), or null when there were none
   */
  public record Phase(
      String name,
      double offeredRate,
      int uploads,
      double achievedRate,
      long p50Millis,
      long p99Millis,
      long maxMillis,
      int undecided,
      LatencySplit meanSplit) {}

  private final Settings settings;
  private final ProgressListener progress;

  public StreamingBenchmark(Settings settings, ProgressListener progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs the burst and the steady phases. */
  public List<Phase> run() throws IOException, InterruptedException {
    List<Image8> pool = MixedImages.targetAndReal(settings.zoo(), settings.target());
    try (LocalStack stack =
        new LocalStack(
            settings.workDir(),
            settings.partitions(),
            ScreeningSettings.defaults().withDeadline(Duration.ofMinutes(5)),
            ScreeningListener.NONE,
            OpsHttpSettings.loopbackEphemeral())) {
      stack.publishModel(settings.detector(), 0.05);
      for (int i = 0; i < settings.workers(); i++) {
        stack.startWorker(WorkerSettings.defaults("bench-worker-" + (i + 1)));
      }
      DemoUploads factory =
          new DemoUploads(
              stack.serdes().uploads(), stack.topics().uploads(), InstantSource.system());
      try (TerminalCollector collector =
              new TerminalCollector(
                  stack.clientProperties(), stack.topics(), stack.serdes(), "bench-reader");
          KafkaProducer<String, byte[]> producer = producer(stack)) {
        Images next = new Images(pool);
        // Warm-up: JIT, first transactions, first native calls; not measured.
        phase(stack, factory, collector, producer, next.take(20), 0, "warm-up");
        List<Phase> phases = new ArrayList<>();
        Phase max =
            phase(stack, factory, collector, producer, next.take(settings.burst()), 0, "maximum");
        phases.add(max);
        for (double fraction : settings.fractions()) {
          double rate = fraction * max.achievedRate();
          int count = (int) Math.max(10, Math.round(rate * settings.phase().toSeconds()));
          phases.add(
              phase(
                  stack,
                  factory,
                  collector,
                  producer,
                  next.take(count),
                  rate,
                  Math.round(100 * fraction) + " % of maximum"));
        }
        return phases;
      }
    }
  }

  /** Hands out each image once. */
  private static final class Images {
    private final List<Image8> pool;
    private int next;

    Images(List<Image8> pool) {
      this.pool = pool;
    }

    List<Image8> take(int count) {
      if (next + count > pool.size()) {
        throw new IllegalStateException(
            "The benchmark needs "
                + (next + count)
                + " distinct images but has "
                + pool.size()
                + "; lower --burst or --phase-seconds.");
      }
      List<Image8> taken = pool.subList(next, next + count);
      next += count;
      return taken;
    }
  }

  private Phase phase(
      LocalStack stack,
      DemoUploads factory,
      TerminalCollector collector,
      KafkaProducer<String, byte[]> producer,
      List<Image8> images,
      double rate,
      String name)
      throws InterruptedException {
    List<DemoUpload> uploads = factory.images(images, Map.of(), List.of(), 1);
    String topic = stack.topics().uploads();
    int before = collector.count();
    progress.start(name, uploads.size());
    long start = System.nanoTime();
    for (int i = 0; i < uploads.size(); i++) {
      if (rate > 0) {
        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      DemoUpload upload = uploads.get(i);
      producer.send(
          new ProducerRecord<>(
              topic,
              upload.uploadId(),
              upload.encode(stack.serdes().uploads(), topic, Instant.now())));
      if (i % 20 == 0) {
        progress.advance(collector.count() - before, "sent " + (i + 1));
      }
    }
    producer.flush();
    while (collector.count() < before + uploads.size()) {
      Thread.sleep(20);
      progress.advance(collector.count() - before, "draining");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Terminal> ended = collector.terminals();
    List<Long> latencies = new ArrayList<>();
    List<LatencySplit> splits = new ArrayList<>();
    int undecided = 0;
    for (DemoUpload upload : uploads) {
      Terminal t = ended.get(upload.uploadId());
      latencies.add(t.endToEndMillis());
      if (t.split() != null && !t.cached()) {
        splits.add(t.split());
      }
      if (t.decision() == Decision.UNDECIDED) {
        undecided++;
      }
    }
    progress.finish(
        String.format(java.util.Locale.ROOT, "%.1f uploads/s", uploads.size() / seconds));
    return new Phase(
        name,
        rate,
        uploads.size(),
        uploads.size() / seconds,
        DemoReport.percentile(latencies, 0.50),
        DemoReport.percentile(latencies, 0.99),
        DemoReport.percentile(latencies, 1.0),
        undecided,
        LatencySplit.mean(splits));
  }

  private static KafkaProducer<String, byte[]> producer(LocalStack stack) {
    Map<String, Object> props = new HashMap<>(stack.clientProperties());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }
}
