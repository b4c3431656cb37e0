package org.flipad.streams.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The live feed: verdicts as they are written, fanned out to every open stream whose filter they
 * pass. Keeps the latest {@link #RECENT} so that a page opened now starts with rows in it.
 */
final class VerdictFeed {

  /** Verdicts kept for streams that open later. */
  static final int RECENT = 200;

  /** Open streams at most; one more is refused (503) rather than starving the server. */
  static final int MAX_SUBSCRIBERS = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A verdict and its JSON line, written once for every stream. */
  private record Event(JsonNode verdict, String line) {}

  private final Deque<Event> recent = new ArrayDeque<>();
  private final List<FeedSubscriber> subscribers = new ArrayList<>();

  /** Publishes one verdict (an AttributionVerdict as JSON). */
  synchronized void publish(JsonNode verdict) {
    Event event = new Event(verdict, write(verdict));
    recent.addLast(event);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
    subscribers.removeIf(FeedSubscriber::ended);
    subscribers.forEach(subscriber -> deliver(subscriber, event));
  }

  /**
   * Starts {@code subscriber} with the recent verdicts it wants, then the live ones.
   *
   * @return false when too many streams are open
   */
  boolean subscribe(FeedSubscriber subscriber) {
    synchronized (this) {
      subscribers.removeIf(FeedSubscriber::ended);
      if (subscribers.size() >= MAX_SUBSCRIBERS) {
        return false;
      }
      recent.forEach(event -> deliver(subscriber, event));
      subscribers.add(subscriber);
    }
    subscriber.start();
    return true;
  }

  /** Ends every stream. */
  synchronized void close() {
    subscribers.forEach(FeedSubscriber::end);
    subscribers.clear();
  }

  private static void deliver(FeedSubscriber subscriber, Event event) {
    if (subscriber.filter().test(event.verdict())) {
      subscriber.offer(event.line());
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written: " + e.getMessage(), e);
    }
  }
}
