package org.flipad.streams.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of {@code --print-config}: every declared key and every Kafka setting with its value and
 * where it came from, with secrets masked so the output may go into a ticket or a log.
 */
public final class ConfigDump {

  /** What a masked value prints as. */
  public static final String MASK = "********";

  // Kafka names secrets in these words (ssl.key.password, sasl.jaas.config,
  // sasl.oauthbearer...client.secret); ssl.keystore.key holds a PEM private key.
  // flipad.console.users holds password hashes: not the passwords, but still not for tickets.
  private static final Pattern SECRET =
      Pattern.compile("password|jaas|secret|credential|keystore\\.key|console\\.users");

  // user:password@ in a URL (a registry behind basic auth).
  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private ConfigDump() {}

  /** Whether the value of {@code name} is a secret that must not be printed. */
  public static boolean isSecret(String name) {
    return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  /** {@code value} with any {@code user:password@} of a URL masked. */
  static String maskUserInfo(String value) {
    return URL_USER_INFO.matcher(value).replaceAll(MASK + "@");
  }

  static List<String> lines(
      Map<ConfigKey, Object> values, Map<String, String> origins, Map<String, String> kafka) {
    List<String> lines = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      Object value = values.get(key);
      String text = value == null ? "(not set: " + key.doc() + ")" : render(value);
      String shown = value != null && isSecret(key.name()) ? MASK : maskUserInfo(text);
      lines.add(line(key.name(), shown, origins.get(key.name())));
    }
    kafka.forEach(
        (name, value) -> {
          String prefixed = ConfigSources.KAFKA_PREFIX + name;
          String shown = isSecret(name) ? MASK : maskUserInfo(value);
          lines.add(line(prefixed, shown, origins.get(prefixed)));
        });
    return lines;
  }

  private static String render(Object value) {
    return value instanceof List<?> list
        ? String.join(",", list.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }

  private static String line(String name, String value, String origin) {
    return name + " = " + value + (origin == null ? "" : "  # " + origin);
  }
}
