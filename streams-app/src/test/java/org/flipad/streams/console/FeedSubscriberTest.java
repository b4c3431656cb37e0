package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FeedSubscriberTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicBoolean allowed = new AtomicBoolean(true);
  private final AtomicInteger ends = new AtomicInteger();
  private final FeedSubscriber subscriber =
      new FeedSubscriber(
          new FeedFilter(null, null, null, null), () -> out, allowed::get, ends::incrementAndGet);

  private String written() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldWriteEventsUntilTheSessionEnds() {
    subscriber.start();
    subscriber.offer("{\"n\":1}");
    await().atMost(Duration.ofSeconds(5)).until(() -> written().contains("data: {\"n\":1}\n\n"));
    assertThat(written()).startsWith(": connected\n\n");

    allowed.set(false);
    subscriber.offer("{\"n\":2}");

    await().atMost(Duration.ofSeconds(5)).until(subscriber::ended);
    await().atMost(Duration.ofSeconds(5)).until(() -> ends.get() == 1);
    assertThat(written()).doesNotContain("\"n\":2");
  }

  @Test
  void shouldDropABrowserThatFallsTooFarBehind() {
    for (int i = 0; i <= FeedSubscriber.QUEUE; i++) {
      subscriber.offer("{}");
    }

    assertThat(subscriber.ended()).isTrue();
  }
}
