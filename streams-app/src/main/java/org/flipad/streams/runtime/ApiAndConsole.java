package org.flipad.streams.runtime;

import java.time.InstantSource;
import org.flipad.streams.api.ApiContent;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.api.ModelsView;
import org.flipad.streams.console.ConsoleSettings;
import org.flipad.streams.console.ConsoleSources;
import org.flipad.streams.console.ReviewConsole;
import org.flipad.streams.lookup.StoreLookup;
import org.flipad.streams.stats.VerdictStats;
import org.flipad.streams.topic.TopicTail;

/**
 * The lookup API and the review console of a {@link LocalStack}, started on demand over its stores
 * and models, with the verdict statistics both serve; the console is served on the API's address.
 */
final class ApiAndConsole implements AutoCloseable {

  private final LocalStack stack;
  private ApiHttpServer api;
  private ReviewConsole console;
  private VerdictStats stats;
  private TopicTail statsTail;

  ApiAndConsole(LocalStack stack) {
    this.stack = stack;
  }

  /** Starts the lookup API, and the verdict statistics it serves. */
  synchronized ApiHttpServer startApi(ApiSettings settings) {
    if (api != null) {
      throw new IllegalStateException("The lookup API already runs on " + api.uri());
    }
    stats = new VerdictStats(InstantSource.system());
    statsTail =
        stats.follow(
            stack.clientProperties(), stack.topics().verdicts(), stack.serdes().verdicts());
    api =
        ApiHttpServer.start(
            settings,
            new ApiContent(
                StoreLookup.of(stack.service().streams(), stack.clientProperties()),
                new ModelsView(stack.catalog(), stack.follower().versions()),
                stats::toJson,
                ScreeningService.DEFAULT_LOOKUP_RETENTION),
            MetricsListeners.api(stack.metrics()));
    return api;
  }

  /** Starts the review console on the lookup API's address. */
  synchronized ReviewConsole startConsole(ConsoleSettings settings) {
    if (api == null) {
      throw new IllegalStateException(
          "Start the lookup API first (startApi); the console is served on its address");
    }
    if (console != null) {
      throw new IllegalStateException("The review console already runs on " + console.uri());
    }
    console =
        ReviewConsole.start(
            settings,
            new ConsoleSources(
                StoreLookup.of(stack.service().streams(), stack.clientProperties()),
                new ModelsView(stack.catalog(), stack.follower().versions()),
                stack.clientProperties(),
                stack.topics(),
                stack.serdes(),
                stack.controlSerdes(),
                stats::toJson),
            api);
    return console;
  }

  /** Closes the console, then the API and its statistics; either may never have started. */
  @Override
  public void close() {
    if (console != null) {
      console.close();
    }
    if (api != null) {
      api.close();
      statsTail.close();
    }
  }
}
