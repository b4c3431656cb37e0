package org.flipad.streams.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Reads the raw settings of {@link ServiceConfig} from its three sources, keyed by their dotted
 * names ({@code flipad.…} or {@code kafka.…}), each with where it came from for error messages.
 * Later sources override earlier ones: file, then environment, then command-line overrides.
 */
final class ConfigSources {

  /** Prefix under which Kafka client settings pass through. */
  static final String KAFKA_PREFIX = "kafka.";

  private static final String FLIPAD_PREFIX = "flipad.";

  // Streams and client prefixes under which a Kafka setting applies to one kind of client only.
  private static final List<String> CLIENT_PREFIXES =
      List.of(
          "",
          "producer.",
          "consumer.",
          "admin.",
          "main.consumer.",
          "restore.consumer.",
          "global.consumer.",
          "topic.");

  private static final Set<String> KAFKA_CONFIG_NAMES = kafkaConfigNames();

  /**
   * A raw value and where it was set.
   *
   * @param raw the text as given
   * @param origin e.g. {@code file /etc/flipad.properties}, {@code env FLIPAD_HTTP_PORT}
   */
  record Raw(String raw, String origin) {}

  private ConfigSources() {}

  /** The file's entries, or none when {@code file} is null. */
  static Map<String, Raw> file(Path file) {
    Map<String, Raw> entries = new LinkedHashMap<>();
    if (file == null) {
      return entries;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "Config file " + file + " does not exist; check the path given to --config", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "Cannot read config file "
              + file
              + " ("
              + e.getMessage()
              + "); it must be a Java"
              + " properties file in UTF-8",
          e);
    }
    for (String name : properties.stringPropertyNames()) {
      entries.put(name, new Raw(properties.getProperty(name), "file " + file));
    }
    return checked(entries);
  }

  /**
   * The environment's settings: {@code FLIPAD_X_Y} sets {@code flipad.x.y}, {@code KAFKA_X_Y} sets
   * {@code kafka.x.y}. {@code KAFKA_*} variables that name no Kafka client setting are ignored:
   * container images and Kubernetes service links set such variables ({@code KAFKA_HEAP_OPTS},
   * {@code KAFKA_PORT}) and they were never meant for this process.
   */
  static Map<String, Raw> environment(Map<String, String> env) {
    Map<String, Raw> entries = new LinkedHashMap<>();
    env.forEach(
        (variable, value) -> {
          String name = variable.toLowerCase(Locale.ROOT).replace('_', '.');
          if (name.startsWith(FLIPAD_PREFIX)) {
            entries.put(name, new Raw(value, "env " + variable));
          } else if (name.startsWith(KAFKA_PREFIX)
              && isKafkaClientSetting(name.substring(KAFKA_PREFIX.length()))) {
            entries.put(name, new Raw(value, "env " + variable));
          }
        });
    return entries;
  }

  /** Command-line overrides ({@code -D key=value}). */
  static Map<String, Raw> overrides(Map<String, String> overrides) {
    Map<String, Raw> entries = new LinkedHashMap<>();
    overrides.forEach((name, value) -> entries.put(name, new Raw(value, "option -D " + name)));
    return checked(entries);
  }

  static boolean isKafkaClientSetting(String name) {
    return CLIENT_PREFIXES.stream()
        .anyMatch(
            p -> name.startsWith(p) && KAFKA_CONFIG_NAMES.contains(name.substring(p.length())));
  }

  // A key outside both namespaces is most often a Kafka setting written without its prefix.
  private static Map<String, Raw> checked(Map<String, Raw> entries) {
    entries.forEach(
        (name, raw) -> {
          if (!name.startsWith(FLIPAD_PREFIX) && !name.startsWith(KAFKA_PREFIX)) {
            throw new ConfigException(
                "Setting "
                    + name
                    + " ("
                    + raw.origin()
                    + ") is neither flipad.* nor kafka.*; Kafka client settings take the kafka."
                    + " prefix (kafka."
                    + name
                    + "), and flipad settings are listed in docs/operations.md");
          }
        });
    return entries;
  }

  private static Set<String> kafkaConfigNames() {
    Set<String> names = new HashSet<>();
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    names.addAll(StreamsConfig.configDef().names());
    return Set.copyOf(names);
  }
}
