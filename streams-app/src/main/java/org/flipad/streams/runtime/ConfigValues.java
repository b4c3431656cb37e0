package org.flipad.streams.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merged and parsed settings behind a {@link ServiceConfig}: each {@code flipad.*} key's value
 * (set or defaulted), the {@code kafka.*} pass-through settings, where each came from, and the
 * environment. Merging the sources and refusing undeclared keys happens here, once, at load.
 */
final class ConfigValues {

  private static final String DEFAULT_ORIGIN = "default";

  private final Map<ConfigKey, Object> values;
  private final Map<String, String> origins;
  private final Map<String, String> kafka;
  private final Map<String, String> env;

  private ConfigValues(
      Map<ConfigKey, Object> values,
      Map<String, String> origins,
      Map<String, String> kafka,
      Map<String, String> env) {
    this.values = values;
    this.origins = origins;
    this.kafka = kafka;
    this.env = env;
  }

  /** See {@link ServiceConfig#load}. */
  static ConfigValues load(Path file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, ConfigSources.Raw> raw = new LinkedHashMap<>(ConfigSources.file(file));
    raw.putAll(ConfigSources.environment(env));
    raw.putAll(ConfigSources.overrides(overrides));
    Map<ConfigKey, Object> values = new LinkedHashMap<>();
    Map<String, String> origins = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    raw.forEach(
        (name, setting) -> {
          if (name.startsWith(ConfigSources.KAFKA_PREFIX)) {
            kafka.put(name.substring(ConfigSources.KAFKA_PREFIX.length()), setting.raw());
          } else {
            ConfigKey key = declared(name, setting.origin());
            values.put(key, parse(key, setting));
          }
          origins.put(name, setting.origin());
        });
    for (ConfigKey key : ConfigKeys.ALL) {
      if (!values.containsKey(key) && key.defaultText() != null) {
        values.put(key, key.parse(key.defaultText()));
        origins.put(key.name(), DEFAULT_ORIGIN);
      }
    }
    return new ConfigValues(values, origins, kafka, Map.copyOf(env));
  }

  private static ConfigKey declared(String name, String origin) {
    return ConfigKeys.find(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    "Unknown setting "
                        + name
                        + " ("
                        + origin
                        + "); did you mean "
                        + ConfigKeys.closest(name).name()
                        + "? The known keys are listed in docs/operations.md"));
  }

  private static Object parse(ConfigKey key, ConfigSources.Raw setting) {
    try {
      return key.parse(setting.raw());
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + "; set by " + setting.origin(), e);
    }
  }

  /** The parsed value of {@code key}, if set or defaulted. */
  Optional<Object> value(ConfigKey key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The parsed value of {@code key} as {@code type}; null when neither set nor defaulted. */
  <T> T get(ConfigKey key, Class<T> type) {
    return type.cast(values.get(key));
  }

  /** The {@code kafka.*} settings without the prefix. */
  Map<String, String> kafka() {
    return kafka;
  }

  /** The value of the milliseconds key {@code key}. */
  Duration millis(ConfigKey key) {
    return Duration.ofMillis(get(key, Long.class));
  }

  /**
   * {@code $HOSTNAME}, or {@code fallback} when it is unset or blank. A pod's HOSTNAME is its name,
   * stable across restarts in a StatefulSet: what fencing needs.
   */
  String hostName(String fallback) {
    String host = env.get("HOSTNAME");
    return host == null || host.isBlank() ? fallback : host;
  }

  /** See {@link ServiceConfig#describe}. */
  List<String> describe() {
    return ConfigDump.lines(values, origins, kafka);
  }
}
