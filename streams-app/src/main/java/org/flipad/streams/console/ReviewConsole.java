package org.flipad.streams.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.serde.AvroJson;
import org.flipad.streams.topic.TopicTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console on the lookup API's server, under {@code /console/}: it follows the verdict
 * topic for the live feed, the feedback topic for earlier reviews, the alerts topic for FLOOD
 * alerts and the training status topic for jobs, and writes reviewers' feedback. Close it before
 * the API server.
 */
public final class ReviewConsole implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewConsole.class);

  /** Latest verdicts of each partition shown when the console starts. */
  static final int FEED_BACKLOG = 50;

  /** How far back the alerts page and the review gallery start when the console starts. */
  static final Duration FLOOD_HISTORY = Duration.ofDays(7);

  private final URI uri;
  private final VerdictFeed feed;
  private final List<TopicTail> tails;
  private final FeedbackPublisher publisher;

  private ReviewConsole(
      URI uri, VerdictFeed feed, List<TopicTail> tails, FeedbackPublisher publisher) {
    this.uri = uri;
    this.feed = feed;
    this.tails = tails;
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
    ReviewGallery gallery = new ReviewGallery();
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
    FloodAlerts floods = new FloodAlerts();
    InstantSource clock = InstantSource.system();
    TopicTail alerts = followAlerts(sources, floods, gallery, clock.instant().minus(FLOOD_HISTORY));
    TrainingJobs jobs = new TrainingJobs();
    String statusTopic = sources.topics().trainingStatus();
    TopicTail training =
        TopicTail.fromBeginning(
            sources.client(),
            statusTopic,
            record -> {
              if (record.value() != null) {
                jobs.add(sources.controlSerdes().status().deserialize(statusTopic, record.value()));
              }
            });
    FeedbackPublisher publisher =
        new FeedbackPublisher(sources.client(), feedbackTopic, sources.controlSerdes().feedback());
    api.mount(
        ConsoleHandler.BASE,
        new ConsoleHandler(
            settings,
            new Sessions(settings, clock),
            sources,
            feed,
            gallery,
            ledger,
            publisher,
            floods,
            jobs,
            clock));
    List<TopicTail> tails = List.of(verdicts, feedback, alerts, training);
    tails.forEach(TopicTail::start);
    URI uri = api.uri().resolve(ConsoleHandler.BASE + "/");
    LOG.info("Review console on {} ({} users)", uri, settings.users().size());
    return new ReviewConsole(uri, feed, tails, publisher);
  }

  /**
   * Follows the alerts topic from {@link #FLOOD_HISTORY} ago: FLOOD alerts for the alerts page,
   * attribution alerts (one per flagged upload) for the review gallery.
   */
  private static TopicTail followAlerts(
      ConsoleSources sources, FloodAlerts floods, ReviewGallery gallery, Instant from) {
    String topic = sources.topics().alerts();
    return TopicTail.since(
        sources.client(),
        topic,
        from,
        record -> {
          if (record.value() == null) {
            return;
          }
          Alert alert = sources.serdes().alerts().deserialize(topic, record.value());
          if (alert.getKind() == AlertKind.FLOOD) {
            floods.add(alert);
          } else {
            gallery.add(alert);
          }
        });
  }

  /** The console's address, e.g. {@code http://127.0.0.1:8090/console/}. */
  public URI uri() {
    return uri;
  }

  /** Stops following the topics and ends the open feeds. */
  @Override
  public void close() {
    tails.forEach(TopicTail::close);
    feed.close();
    publisher.close();
  }
}
