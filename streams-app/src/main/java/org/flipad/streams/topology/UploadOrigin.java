package org.flipad.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where an upload event was first read, carried in headers through the re-keying topic so that
 * verdicts, dead letters and audit records name the producer's record (its topic, partition, offset
 * and key), not the internal copy, and so that ids derived from those coordinates are the same
 * however often the copy is redelivered.
 *
 * <p>The header names are the service's own: the keying step removes any a producer sent before
 * writing its own, so a producer cannot make an upload claim another record's coordinates.
 */
final class UploadOrigin {

  static final String TOPIC = "flipad.origin.topic";
  static final String PARTITION = "flipad.origin.partition";
  static final String OFFSET = "flipad.origin.offset";
  static final String KEY = "flipad.origin.key";
  static final String KEY_NULL = "flipad.origin.key-null";

  private UploadOrigin() {}

  /** Replaces any origin headers in {@code headers} with {@code source} and {@code key}. */
  static void write(Headers headers, SourceCoordinates source, byte[] key) {
    for (String name : new String[] {TOPIC, PARTITION, OFFSET, KEY, KEY_NULL}) {
      headers.remove(name);
    }
    headers.add(TOPIC, utf8(source.topic()));
    headers.add(PARTITION, utf8(Integer.toString(source.partition())));
    headers.add(OFFSET, utf8(Long.toString(source.offset())));
    if (key == null) {
      headers.add(KEY_NULL, new byte[0]);
    } else {
      headers.add(KEY, key);
    }
  }

  /**
   * The coordinates written by {@link #write}, or {@code fallback} (where this copy was read) when
   * the record did not pass through the keying step.
   */
  static SourceCoordinates source(Headers headers, SourceCoordinates fallback) {
    Header topic = headers.lastHeader(TOPIC);
    Header partition = headers.lastHeader(PARTITION);
    Header offset = headers.lastHeader(OFFSET);
    if (topic == null || partition == null || offset == null) {
      return fallback;
    }
    return new SourceCoordinates(
        text(topic), Integer.parseInt(text(partition)), Long.parseLong(text(offset)));
  }

  /** The producer's key written by {@link #write} (null for a null key), or {@code fallback}. */
  static byte[] key(Headers headers, byte[] fallback) {
    if (headers.lastHeader(KEY_NULL) != null) {
      return null;
    }
    Header key = headers.lastHeader(KEY);
    return key == null ? fallback : key.value();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Header header) {
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
