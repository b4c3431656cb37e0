package org.flipad.streams.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flipad.streams.control.HotSwap;
import org.flipad.streams.control.ModelsFollower;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inversion workers of a {@link LocalStack}, each on its own daemon thread with its own
 * detectors, which follow {@code flipad.models} through the hot swap.
 */
final class LocalWorkers implements AutoCloseable {

  // Under the stack's name, as the stack's other messages: one logger to follow for all of them.
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Map<String, Object> clientProperties;
  private final Topics topics;
  private final ServiceSerdes serdes;
  private final ServiceMetrics metrics;
  private final ModelsFollower follower;
  private final HotSwap hotSwap;
  private final List<Running> running = new ArrayList<>();

  private record Running(InversionWorker worker, WorkerModels models, Thread thread) {}

  LocalWorkers(
      Map<String, Object> clientProperties,
      Topics topics,
      ServiceSerdes serdes,
      ServiceMetrics metrics,
      ModelsFollower follower,
      HotSwap hotSwap) {
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.serdes = serdes;
    this.metrics = metrics;
    this.follower = follower;
    this.hotSwap = hotSwap;
  }

  /** Starts a worker on its own thread, with its own detectors following the models topic. */
  InversionWorker start(WorkerSettings settings) {
    WorkerModels models =
        new WorkerModels(
            (model, bundle, cause) ->
                LOG.error(
                    "Worker {} cannot load {}: {}",
                    settings.workerId(),
                    model.label(),
                    cause.toString()));
    var listener = hotSwap.worker(models);
    follower.onChange(listener);
    // Models already active before this worker started.
    for (String modelId : follower.versions().modelIds()) {
      follower.versions().active(modelId).ifPresent(listener);
    }
    InversionWorker worker =
        new InversionWorker(
            clientProperties, topics, serdes, settings, models, MetricsListeners.worker(metrics));
    Thread thread = new Thread(worker, "inversion-worker-" + settings.workerId());
    thread.setDaemon(true);
    thread.start();
    running.add(new Running(worker, models, thread));
    return worker;
  }

  /** Closes every worker and its detectors, in the order they started. */
  @Override
  public void close() {
    for (Running r : running) {
      r.worker().close();
      r.models().close();
    }
  }
}
