package org.flipad.streams.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@link ModelStore#location} string: the sha256 and either the directory of a {@link
 * LocalDirectoryModelStore} or the topic of a {@link KafkaModelStore} (the other is null).
 */
record BundleAddress(String sha256, Path directory, String topic) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** {@code sha256} in lower case, or a message naming the value and the expected form. */
  static String requireSha256(String sha256) {
    String lower = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    if (lower == null || !SHA256.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "Bundle address '"
              + sha256
              + "' is not a sha256: expected 64 hex digits, as in ModelVersion.bundleSha256 or"
              + " the value ModelStore.put returned.");
    }
    return lower;
  }

  /** The location of a bundle in a Kafka store: {@code kafka://<topic>/<sha256>}. */
  static String kafka(String topic, String sha256) {
    return "kafka://" + topic + "/" + requireSha256(sha256);
  }

  /** Parses a {@code file:} or {@code kafka:} location. */
  static BundleAddress parse(String location) {
    URI uri;
    try {
      uri = URI.create(location);
    } catch (IllegalArgumentException e) {
      throw unsupported(location, e);
    }
    if ("kafka".equalsIgnoreCase(uri.getScheme())
        && uri.getAuthority() != null
        && uri.getPath() != null
        && uri.getPath().length() > 1) {
      return new BundleAddress(requireSha256(uri.getPath().substring(1)), null, uri.getAuthority());
    }
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      Path file;
      try {
        file = Path.of(uri);
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        throw unsupported(location, e);
      }
      String name = file.getFileName().toString();
      if (name.endsWith(ModelStore.EXTENSION)) {
        String sha256 = name.substring(0, name.length() - ModelStore.EXTENSION.length());
        return new BundleAddress(requireSha256(sha256), file.getParent(), null);
      }
    }
    throw unsupported(location, null);
  }

  private static IllegalArgumentException unsupported(String location, Exception cause) {
    return new IllegalArgumentException(
        "Bundle location '"
            + location
            + "' is not a model store location; expected kafka://<topic>/<sha256> or"
            + " file:///<dir>/<sha256>"
            + ModelStore.EXTENSION
            + ", as ModelStore.location returns.",
        cause);
  }
}
