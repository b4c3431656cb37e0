package org.flipad.streams.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flipad.core.data.Image8;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.console.ConsoleSettings;
import org.flipad.streams.console.ConsoleUser;
import org.flipad.streams.console.PasswordHash;
import org.flipad.streams.console.ReviewConsole;
import org.flipad.streams.console.Role;
import org.flipad.streams.runtime.LocalStack;

/**
 * The demo's follow mode, after its summary: serves the lookup API and the review console, then
 * keeps fresh uploads flowing and says every 10 s which model versions judged them, until a stop is
 * requested.
 */
final class DemoFollow {

  private final DemoSettings settings;
  private final PrintWriter out;
  private final BooleanSupplier stopRequested;

  DemoFollow(DemoSettings settings, PrintWriter out, BooleanSupplier stopRequested) {
    this.settings = settings;
    this.out = out;
    this.stopRequested = stopRequested;
  }

  /** Follows until a stop is requested, sending with {@code producer} into {@code stack}. */
  void run(
      KafkaProducer<String, byte[]> producer,
      LocalStack stack,
      DemoUploads factory,
      TerminalCollector collector)
      throws InterruptedException, IOException {
    out.printf(
        Locale.ROOT,
        "Following: about 2 fresh uploads/s keep flowing (new samples of every generator); metrics"
            + " on %s. Ctrl-C stops.%n",
        stack.http().uri().resolve("/metrics"));
    // Loopback without tokens: verdicts and models are open to this machine, images are not.
    ApiHttpServer api = stack.startApi(ApiSettings.loopbackEphemeral());
    out.printf(
        Locale.ROOT,
        "Look an upload up (docs/console.md): curl %s/api/v1/uploads/%s ; models: %s/api/v1/models%n",
        api.uri(),
        collector.terminals().keySet().stream().sorted().findFirst().orElse("upload-000000"),
        api.uri());
    // The console needs a log-in even here: a password made for this run, printed once.
    String password = DemoCredentials.password();
    ReviewConsole console =
        stack.startConsole(
            ConsoleSettings.of(
                List.of(
                    new ConsoleUser(
                        DemoCredentials.REVIEWER, Role.REVIEWER, PasswordHash.of(password)))));
    out.printf(
        Locale.ROOT,
        "Review console: %s  (log in as %s, password %s)%n",
        console.uri(),
        DemoCredentials.REVIEWER,
        password);
    out.flush();
    String topic = stack.topics().uploads();
    List<String> generators = new ArrayList<>(settings.otherIds());
    generators.add(0, settings.targetId());
    long lastReport = System.nanoTime();
    for (int round = 1; !stopRequested.getAsBoolean(); round++) {
      // New draws each round: re-sending old images would only exercise the decision cache.
      Map<String, List<Image8>> others = new LinkedHashMap<>();
      for (int g = 1; g < generators.size(); g++) {
        others.put(
            generators.get(g), DemoImages.samples(settings, generators.get(g), 1, 100 * round + g));
      }
      List<DemoUpload> fresh =
          factory.images(
              DemoImages.samples(settings, settings.targetId(), 2, 100 * round),
              others,
              List.of(),
              round);
      for (DemoUpload upload : fresh) {
        if (stopRequested.getAsBoolean()) {
          break;
        }
        producer.send(
            new ProducerRecord<>(
                topic,
                upload.uploadId(),
                upload.encode(stack.serdes().uploads(), topic, java.time.Instant.now())));
        Thread.sleep(500);
      }
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        lastReport = System.nanoTime();
        Map<String, Long> byVersion = new TreeMap<>();
        long since = collector.count();
        for (Terminal t : collector.terminals().values()) {
          String key =
              t.modelVersion() == null
                  ? (t.decision() == null ? "dead letter" : t.decision() + " " + t.detail())
                  : "v" + t.modelVersion();
          byVersion.merge(key, 1L, Long::sum);
        }
        out.printf(
            Locale.ROOT,
            "  %d uploads ended so far; judged by %s; watching %s%n",
            since,
            byVersion,
            stack.catalog().all().stream().map(m -> m.label() + " at FNR " + m.fnr()).toList());
        out.flush();
      }
    }
    producer.flush();
  }
}
