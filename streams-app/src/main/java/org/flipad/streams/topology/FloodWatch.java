package org.flipad.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.FloodEpisode;

/**
 * The flood alarm: counts attributions per (model, tenant) in fixed windows of their own time and
 * raises one FLOOD alert per episode, when the current window's count reaches {@link
 * FloodSettings#multiple()} times its trailing baseline and {@link FloodSettings#minCount()}. The
 * episode ends when a window closes below that bar (an empty window does), so a flood that goes on
 * alarms once, and a second flood after a calm alarms again. Input: {@link Attribution}s keyed by
 * model and tenant (one task sees every attribution of its keys); output: FLOOD alerts; store:
 * {@value ScreeningTopology#FLOOD_STORE}.
 *
 * <p>Counts are by the attributions' time, not the wall clock, so a replay gives the same alerts.
 * An attribution older than the baseline is not counted; one in a past window within it is counted
 * for the baseline without re-judging that window.
 */
final class FloodWatch implements Processor<String, FloodWatch.Attribution, String, Object> {

  /** One attributed upload, as the flood watch needs it. */
  record Attribution(String modelId, int modelVersion, String tenant, long raisedAtMillis) {

    /** The key of this attribution's watch. */
    String watchKey() {
      return modelId + "|" + tenant;
    }
  }

  private final FloodSettings settings;
  private final ScreeningListener listener;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, FloodState> store;

  FloodWatch(FloodSettings settings, ScreeningListener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(ScreeningTopology.FLOOD_STORE);
  }

  @Override
  public void process(Record<String, Attribution> record) {
    Attribution attribution = record.value();
    if (attribution == null) {
      return;
    }
    String key = attribution.watchKey();
    long windowMillis = settings.window().toMillis();
    long window = Math.floorDiv(attribution.raisedAtMillis(), windowMillis);
    FloodState state = store.get(key);
    if (state == null) {
      state = FloodState.startingAt(window, settings.baselineWindows());
    }
    if (window < state.currentWindow() - settings.baselineWindows()) {
      return; // older than anything the baseline still holds
    }
    if (window > state.currentWindow()) {
      state = close(state, window).advancedTo(window);
    }
    state = state.counted(window);
    if (window == state.currentWindow() && !state.inEpisode() && reachesBar(state, window)) {
      state = state.withEpisode(true);
      raise(attribution, state, window, windowMillis);
    }
    store.put(key, state);
  }

  /**
   * Ends the episode when the window being left stayed below the bar, or when a window passed
   * without any attribution on the way to {@code next}.
   */
  private FloodState close(FloodState state, long next) {
    boolean calm = next > state.currentWindow() + 1 || !reachesBar(state, state.currentWindow());
    return state.inEpisode() && calm ? state.withEpisode(false) : state;
  }

  private boolean reachesBar(FloodState state, long window) {
    long count = state.count(window);
    return count >= settings.minCount() && count >= settings.multiple() * state.baseline(window);
  }

  private void raise(Attribution attribution, FloodState state, long window, long windowMillis) {
    long windowStart = window * windowMillis;
    String episode =
        "flood/" + attribution.modelId() + "/" + attribution.tenant() + "/" + windowStart;
    Alert alert =
        Alert.newBuilder()
            .setAlertId(UUID.nameUUIDFromBytes(episode.getBytes(StandardCharsets.UTF_8)).toString())
            .setUploadId(null)
            .setTenant(attribution.tenant())
            .setImageSha256(null)
            .setModelId(attribution.modelId())
            .setModelVersion(attribution.modelVersion())
            .setScore(null)
            .setPValue(null)
            .setFnr(null)
            .setThreshold(null)
            .setVerdictId(null)
            .setRaisedAt(Instant.ofEpochMilli(attribution.raisedAtMillis()))
            .setKind(AlertKind.FLOOD)
            .setFlood(
                FloodEpisode.newBuilder()
                    .setWindowStart(Instant.ofEpochMilli(windowStart))
                    .setWindowMs(windowMillis)
                    .setCount(state.count(window))
                    .setBaselinePerWindow(state.baseline(window))
                    .setBaselineWindows(settings.baselineWindows())
                    .setMultiple(settings.multiple())
                    .setMinCount(settings.minCount())
                    .build())
            .build();
    context.forward(
        new Record<>(
            "flood/" + attribution.modelId() + "/" + attribution.tenant(),
            (Object) alert,
            attribution.raisedAtMillis()),
        ScreeningTopology.ALERTS_SINK);
    listener.flood(attribution.modelId(), attribution.tenant());
  }
}
