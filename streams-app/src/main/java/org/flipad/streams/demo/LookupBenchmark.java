package org.flipad.streams.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.metric.NearestRank;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.runtime.LocalStack;
import org.flipad.streams.runtime.OpsHttpSettings;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;

/**
 * Lookup requests/s and latency of the lookup API against a store filled locally: a {@link
 * LocalStack} (embedded broker and registry, the screening service) whose verdict and dead-letter
 * topics get {@code uploads} synthetic terminal records (one in ten a dead letter), then {@code
 * clients} closed-loop HTTP clients asking for random known upload ids with a bearer token, first
 * for the warm-up, then for the measured time. The clients run in the same JVM as the service, so
 * the figures include their CPU cost.
 */
public final class LookupBenchmark {

  private static final String TOKEN = "lookup-benchmark-token";

  /**
   * What to measure.
   *
   * @param workDir broker data and Streams state
   * @param uploads terminal records to store
   * @param clients concurrent closed-loop clients
   * @param warmup time before measuring
   * @param measured time measured
   * @param partitions partitions of the topics (and so of the store)
   */
  public record Settings(
      Path workDir, int uploads, int clients, Duration warmup, Duration measured, int partitions) {}

  /**
   * What was measured.
   *
   * @param stored terminal records stored before the load started
   * @param requests requests answered in the measured time
   * @param failures answers other than 200 in the measured time
   * @param seconds the measured time
   * @param p50Millis median latency
   * @param p99Millis 99th-percentile latency
   * @param maxMillis slowest request
   * @param fillSeconds time from producing the records to all of them being found
   */
  public record Result(
      int stored,
      long requests,
      long failures,
      double seconds,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      double fillSeconds) {

    /** Requests per second over the measured time. */
    public double perSecond() {
      return requests / seconds;
    }
  }

  private final Settings settings;

  /** A benchmark with {@code settings}. */
  public LookupBenchmark(Settings settings) {
    this.settings = settings;
  }

  /**
   * Fills the store and measures.
   *
   * @throws InterruptedException when interrupted while waiting for the store or the clients
   */
  public Result run() throws InterruptedException, ExecutionException {
    try (LocalStack stack =
        new LocalStack(
            settings.workDir(),
            settings.partitions(),
            ScreeningSettings.defaults(),
            ScreeningListener.NONE,
            OpsHttpSettings.loopbackEphemeral())) {
      ApiHttpServer api =
          stack.startApi(
              new ApiSettings("127.0.0.1", 0, List.of(SyntheticOutcomes.sha256(TOKEN)), 4));
      List<String> ids = ids();
      long fillStart = System.nanoTime();
      fill(stack, ids);
      awaitStored(api.uri(), ids);
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
      run(api.uri(), ids, settings.warmup());
      return measure(api.uri(), ids, fillSeconds);
    }
  }

  private List<String> ids() {
    List<String> ids = new ArrayList<>(settings.uploads());
    for (int i = 0; i < settings.uploads(); i++) {
      ids.add(String.format("bench-upload-%07d", i));
    }
    return ids;
  }

  private static void fill(LocalStack stack, List<String> ids) {
    Topics topics = stack.topics();
    ServiceSerdes serdes = stack.serdes();
    Map<String, Object> props = new HashMap<>(stack.clientProperties());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    Instant at = Instant.now();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        if (i % 10 == 9) {
          byte[] value =
              serdes
                  .deadLetters()
                  .serialize(topics.deadLetters(), SyntheticOutcomes.deadLetter(id, at));
          producer.send(new ProducerRecord<>(topics.deadLetters(), id, value));
        } else {
          byte[] value =
              serdes.verdicts().serialize(topics.verdicts(), SyntheticOutcomes.verdict(id, at));
          producer.send(new ProducerRecord<>(topics.verdicts(), id, value));
        }
      }
      producer.flush();
    }
  }

  // The producer writes in order per partition, so once the last id of each kind is found and a
  // spread sample is too, the store holds everything.
  private static void awaitStored(URI base, List<String> ids) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (int i = ids.size() - 1; i >= 0; i -= Math.max(1, ids.size() / 200)) {
      while (status(client, base, ids.get(i)) != 200) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Upload " + ids.get(i) + " was not in the lookup store after 5 minutes");
        }
        Thread.sleep(50);
      }
    }
  }

  private Result measure(URI base, List<String> ids, double fillSeconds)
      throws InterruptedException, ExecutionException {
    long start = System.nanoTime();
    List<long[]> perClient = run(base, ids, settings.measured());
    double seconds = (System.nanoTime() - start) / 1e9;
    long failures = perClient.stream().mapToLong(latencies -> latencies[0]).sum();
    long[] all =
        perClient.stream()
            .flatMapToLong(latencies -> Arrays.stream(latencies, 1, latencies.length))
            .sorted()
            .toArray();
    return new Result(
        ids.size(),
        all.length,
        failures,
        seconds,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6,
        fillSeconds);
  }

  /** Per client: element 0 the failures, then one latency in ns per answered request. */
  private List<long[]> run(URI base, List<String> ids, Duration time)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
    try {
      long until = System.nanoTime() + time.toNanos();
      List<Future<long[]>> clients = new ArrayList<>();
      for (int c = 0; c < settings.clients(); c++) {
        long seed = c;
        clients.add(pool.submit(() -> client(base, ids, until, seed)));
      }
      List<long[]> results = new ArrayList<>();
      for (Future<long[]> client : clients) {
        results.add(client.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] client(URI base, List<String> ids, long until, long seed) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    SplittableRandom random = new SplittableRandom(seed);
    long[] latencies = new long[1 << 16];
    int n = 1;
    long failures = 0;
    while (System.nanoTime() < until) {
      String id = ids.get(random.nextInt(ids.size()));
      long started = System.nanoTime();
      int status = status(client, base, id);
      long took = System.nanoTime() - started;
      if (status != 200) {
        failures++;
        continue;
      }
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = took;
    }
    latencies[0] = failures;
    return Arrays.copyOf(latencies, n);
  }

  private static int status(HttpClient client, URI base, String id) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads/" + id))
            .header("Authorization", "Bearer " + TOKEN)
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The nearest-rank percentile of nanosecond {@code sorted}, in ms (0 for none). */
  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : NearestRank.of(sorted, q) / 1e6;
  }
}
