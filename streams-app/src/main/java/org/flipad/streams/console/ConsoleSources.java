package org.flipad.streams.console;

import java.util.Map;
import org.flipad.streams.api.ModelListing;
import org.flipad.streams.api.StatsListing;
import org.flipad.streams.lookup.Lookups;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;

/**
 * What the console reads and writes.
 *
 * @param lookups the lookup stores (uploads, archived images)
 * @param models what the model filter and the upload page list
 * @param client Kafka client settings (the feed reads verdicts, feedback is written and read)
 * @param topics topic names
 * @param serdes decodes verdicts
 * @param controlSerdes encodes and decodes Feedback
 * @param stats what the charts show (the body of {@code /api/v1/stats})
 */
public record ConsoleSources(
    Lookups lookups,
    ModelListing models,
    Map<String, Object> client,
    Topics topics,
    ServiceSerdes serdes,
    ControlSerdes controlSerdes,
    StatsListing stats) {}
