package org.flipad.streams.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One open server-sent-event stream: its own thread writes queued events to the browser, so a slow
 * browser holds up nobody else. A browser that falls more than {@link #QUEUE} events behind, or
 * whose connection breaks, is dropped; its EventSource reconnects by itself.
 */
final class FeedSubscriber {

  /** Events a browser may fall behind before it is dropped. */
  static final int QUEUE = 256;

  /** How often a comment line keeps idle connections (and proxies) open and finds dead ones. */
  static final long KEEPALIVE_MILLIS = 15_000;

  private static final String CLOSE = "";

  private final FeedFilter filter;
  private final Opener opener;
  private final BooleanSupplier allowed;
  private OutputStream out;
  private final Runnable onEnd;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;
  private volatile boolean ended;

  /**
   * @param filter which verdicts it wants
   * @param opener sends the response headers and gives the body, on the subscriber's thread
   * @param allowed asked before each write; the stream ends when it says no (the session ended)
   * @param onEnd called once when the stream ends (to close the exchange)
   */
  FeedSubscriber(FeedFilter filter, Opener opener, BooleanSupplier allowed, Runnable onEnd) {
    this.filter = filter;
    this.opener = opener;
    this.allowed = allowed;
    this.onEnd = onEnd;
    this.thread = new Thread(this::run, "console-feed");
    thread.setDaemon(true);
  }

  /** Starts the response: sends its headers and returns its body. */
  @FunctionalInterface
  interface Opener {
    OutputStream open() throws IOException;
  }

  FeedFilter filter() {
    return filter;
  }

  void start() {
    thread.start();
  }

  /** Queues one event's data (a line of JSON); drops the subscriber when it is too far behind. */
  void offer(String json) {
    if (!ended && !queue.offer(json)) {
      end();
    }
  }

  /** Ends the stream. */
  void end() {
    ended = true;
    queue.clear();
    queue.offer(CLOSE);
  }

  boolean ended() {
    return ended;
  }

  private void run() {
    try {
      out = opener.open();
      write(": connected\n\n");
      while (!ended) {
        String event = queue.poll(KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS);
        if (!allowed.getAsBoolean()) {
          break;
        }
        if (event == null) {
          write(": keep-alive\n\n");
        } else if (event != CLOSE) {
          write("data: " + event + "\n\n");
        }
      }
    } catch (IOException e) {
      // The browser went away; nothing to tell anyone.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended = true;
      onEnd.run();
    }
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
