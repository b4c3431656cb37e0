package org.flipad.streams.console;

import java.net.URI;
import java.time.InstantSource;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.serde.AvroJson;
import org.flipad.streams.topic.TopicTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console on the lookup API's server, under {@code /console/}: it follows the verdict
 * topic for the live feed and the feedback topic for earlier reviews, and writes reviewers'
 * feedback. Close it before the API server.
 */
public final class ReviewConsole implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewConsole.class);

  /** Latest verdicts of each partition shown when the console starts. */
  static final int FEED_BACKLOG = 50;

  private final URI uri;
  private final VerdictFeed feed;
  private final TopicTail verdicts;
  private final TopicTail feedback;
  private final FeedbackPublisher publisher;

  private ReviewConsole(
      URI uri,
      VerdictFeed feed,
      TopicTail verdicts,
      TopicTail feedback,
      FeedbackPublisher publisher) {
    this.uri = uri;
    this.feed = feed;
    this.verdicts = verdicts;
    this.feedback = feedback;
    this.publisher = publisher;
  }

  /**
   * Starts following the topics and serves the console on {@code api}'s address.
   *
   * @param settings users and session limits
   * @param sources the stores, topics and serdes it reads and writes
   * @param api the running lookup API server
   */
  public static ReviewConsole start(
      ConsoleSettings settings, ConsoleSources sources, ApiHttpServer api) {
    VerdictFeed feed = new VerdictFeed();
    FeedbackLedger ledger = new FeedbackLedger();
    String verdictTopic = sources.topics().verdicts();
    String feedbackTopic = sources.topics().feedback();
    TopicTail verdicts =
        TopicTail.latest(
            sources.client(),
            verdictTopic,
            FEED_BACKLOG,
            record -> {
              if (record.value() != null) {
                feed.publish(
                    AvroJson.of(
                        sources.serdes().verdicts().deserialize(verdictTopic, record.value())));
              }
            });
    TopicTail feedback =
        TopicTail.fromBeginning(
            sources.client(),
            feedbackTopic,
            record -> {
              if (record.value() != null) {
                ledger.add(
                    sources.controlSerdes().feedback().deserialize(feedbackTopic, record.value()));
              }
            });
    FeedbackPublisher publisher =
        new FeedbackPublisher(sources.client(), feedbackTopic, sources.controlSerdes().feedback());
    InstantSource clock = InstantSource.system();
    api.mount(
        ConsoleHandler.BASE,
        new ConsoleHandler(
            settings, new Sessions(settings, clock), sources, feed, ledger, publisher, clock));
    verdicts.start();
    feedback.start();
    URI uri = api.uri().resolve(ConsoleHandler.BASE + "/");
    LOG.info("Review console on {} ({} users)", uri, settings.users().size());
    return new ReviewConsole(uri, feed, verdicts, feedback, publisher);
  }

  /** The console's address, e.g. {@code http://127.0.0.1:8090/console/}. */
  public URI uri() {
    return uri;
  }

  /** Stops following the topics and ends the open feeds. */
  @Override
  public void close() {
    verdicts.close();
    feedback.close();
    feed.close();
    publisher.close();
  }
}
