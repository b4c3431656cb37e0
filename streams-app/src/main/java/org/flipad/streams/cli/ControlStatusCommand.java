package org.flipad.streams.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flipad.streams.registry.HttpRegistryClientSettings;
import org.flipad.streams.registry.HttpSchemaRegistryClient;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flipad control status}: the versions of the watched models and their quality gates. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Prints every version of the watched models (state, threshold, AUROC, who changed it)"
            + " as flipad.models says, and the latest job of each recent command.")
final class ControlStatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--registry-url", required = true, description = "Schema registry URL.")
  URI registryUrl;

  @Option(names = "--model", description = "Only this model id.")
  String model;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name.")
  String topicPrefix;

  @Override
  public Integer call() throws InterruptedException {
    Topics topics = Topics.defaults().withPrefix(topicPrefix);
    ControlSerdes serdes =
        ControlSerdes.create(
            HttpSchemaRegistryClient.create(HttpRegistryClientSettings.defaults(registryUrl)),
            AvroSerdeSettings.defaults());
    Map<String, Object> client =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    PrintWriter out = spec.commandLine().getOut();
    try (org.flipad.streams.control.ModelsFollower follower =
        new org.flipad.streams.control.ModelsFollower(client, topics.models(), serdes.models())) {
      follower.start();
      if (!follower.awaitCaughtUp(Duration.ofSeconds(30))) {
        out.println("flipad.models could not be read within 30 s; check --bootstrap-servers.");
        return 1;
      }
      var versions = follower.versions();
      for (String id : versions.modelIds()) {
        if (model != null && !model.equals(id)) {
          continue;
        }
        out.printf("%s%n", id);
        for (var v : versions.versions(id)) {
          out.printf(
              Locale.ROOT,
              "  v%-3d %-9s FNR %-6s threshold %-10s AUROC %.4f  by %s at %s%n",
              v.getVersion(),
              v.getState(),
              v.getSelectedFnr(),
              v.getScoreThresholdOverride() != null
                  ? String.format(Locale.ROOT, "%.4g*", v.getScoreThresholdOverride())
                  : v.getThresholds().stream()
                      .filter(t -> t.getFnr() == v.getSelectedFnr())
                      .map(t -> String.format(Locale.ROOT, "%.4g", t.getThreshold()))
                      .findFirst()
                      .orElse("?"),
              v.getMetrics().getAuroc(),
              v.getUpdatedByCommandId(),
              v.getUpdatedAt());
          gateLine(v.getMetrics().getExtra()).ifPresent(out::println);
        }
      }
    }
    out.println("(* an operator's explicit threshold)");
    out.flush();
    return 0;
  }

  /**
   * The quality gate's figures of a retrained version, e.g. "gate at FNR 5 %: real-held-out TNR
   * 75.5 % (active 37.0 %, least 25.4 %); miss rate 3.5 % (bound 10.1 %)".
   */
  static java.util.Optional<String> gateLine(Map<String, Double> extra) {
    Double q = extra.get("gate.operatingFnr");
    if (q == null) {
      return java.util.Optional.empty();
    }
    List<String> parts = new java.util.ArrayList<>();
    new java.util.TreeMap<>(extra)
        .forEach(
            (key, tnr) -> {
              if (key.startsWith("gate.tnr.")) {
                String source = key.substring("gate.tnr.".length());
                Double active = extra.get("gate.activeTnr." + source);
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "%s TNR %.1f %% (%sleast %.1f %%)",
                        source,
                        100 * tnr,
                        active == null
                            ? ""
                            : String.format(Locale.ROOT, "active %.1f %%, ", 100 * active),
                        100 * extra.getOrDefault("gate.minTnr." + source, Double.NaN)));
              }
            });
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "       gate at FNR %s %%: %s; miss rate %.1f %% (bound %.1f %%)",
            new java.math.BigDecimal(String.valueOf(100 * q)).stripTrailingZeros().toPlainString(),
            String.join(", ", parts),
            100 * extra.getOrDefault("gate.fnr", Double.NaN),
            100 * extra.getOrDefault("gate.fnrBound", Double.NaN)));
  }
}
