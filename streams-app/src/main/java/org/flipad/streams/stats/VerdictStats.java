package org.flipad.streams.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.flipad.schema.AttributionVerdict;
import org.flipad.streams.serde.AvroJson;
import org.flipad.streams.serde.AvroSerde;
import org.flipad.streams.topic.TopicTail;

/**
 * Verdicts of the last hour in 10-second buckets by decision time: how many, by decision, per model
 * (verdicts, attributed, undecided) and their end-to-end latencies. {@link #toJson()} sums the
 * buckets into the windows 1 min, 5 min, 15 min and 1 h, and into one point per minute for charts.
 * Thread-safe.
 */
public final class VerdictStats {

  /** Width of a bucket. */
  static final Duration BUCKET = Duration.ofSeconds(10);

  /** How far back the statistics go. */
  public static final Duration HORIZON = Duration.ofHours(1);

  /** The windows {@link #toJson()} reports, with their names. */
  static final List<Map.Entry<String, Duration>> WINDOWS =
      List.of(
          Map.entry("1m", Duration.ofMinutes(1)),
          Map.entry("5m", Duration.ofMinutes(5)),
          Map.entry("15m", Duration.ofMinutes(15)),
          Map.entry("1h", HORIZON));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final InstantSource clock;
  private final NavigableMap<Long, Counts> buckets = new TreeMap<>();

  public VerdictStats(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * Follows {@code topic} from an hour ago into these statistics; close the tail to stop.
   *
   * @param client Kafka client settings
   * @param serde decodes the verdicts
   */
  public TopicTail follow(
      Map<String, Object> client, String topic, AvroSerde<AttributionVerdict> serde) {
    return TopicTail.since(
            client,
            topic,
            clock.instant().minus(HORIZON),
            record -> {
              if (record.value() != null) {
                record(AvroJson.of(serde.deserialize(topic, record.value())));
              }
            })
        .start();
  }

  /**
   * Counts one verdict (an AttributionVerdict as JSON) at its {@code decidedAt}; verdicts older
   * than the horizon are left out, and ones stamped in the future count as now.
   */
  public synchronized void record(JsonNode verdict) {
    long now = clock.millis();
    long at;
    try {
      at = Math.min(now, Instant.parse(verdict.path("decidedAt").asText()).toEpochMilli());
    } catch (DateTimeParseException e) {
      at = now;
    }
    if (at < now - HORIZON.toMillis()) {
      return;
    }
    buckets.computeIfAbsent(align(at, BUCKET), start -> new Counts()).add(verdict);
    forgetBefore(now);
  }

  /** The windows and the per-minute series, as {@code GET /api/v1/stats} answers. */
  public synchronized ObjectNode toJson() {
    long now = clock.millis();
    forgetBefore(now);
    ObjectNode body = NODES.objectNode();
    body.put("generatedAt", Instant.ofEpochMilli(now).toString());
    ArrayNode windows = body.putArray("windows");
    for (Map.Entry<String, Duration> window : WINDOWS) {
      long from = align(now - window.getValue().toMillis(), BUCKET);
      ObjectNode node = sum(from, now + 1).toJson(seconds(from, now));
      windows.add(NODES.objectNode().put("window", window.getKey()).setAll(node));
    }
    ArrayNode minutes = body.putArray("perMinute");
    long minute = Duration.ofMinutes(1).toMillis();
    long current = align(now, Duration.ofMinutes(1));
    for (long start = current - 59 * minute; start <= current; start += minute) {
      ObjectNode point =
          sum(start, start + minute).toJson(seconds(start, Math.min(now, start + minute)));
      minutes.add(
          NODES.objectNode().put("start", Instant.ofEpochMilli(start).toString()).setAll(point));
    }
    return body;
  }

  private Counts sum(long from, long to) {
    Counts total = new Counts();
    buckets.subMap(from, true, to, false).values().forEach(total::addAll);
    return total;
  }

  private void forgetBefore(long now) {
    buckets.headMap(align(now - HORIZON.toMillis(), BUCKET), false).clear();
  }

  // At least one second, so the first second after start does not divide by nothing.
  private static double seconds(long from, long to) {
    return Math.max(1.0, (to - from) / 1000.0);
  }

  private static long align(long millis, Duration width) {
    return Math.floorDiv(millis, width.toMillis()) * width.toMillis();
  }
}
