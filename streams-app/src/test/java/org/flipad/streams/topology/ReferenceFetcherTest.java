package org.flipad.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.flipad.schema.DeadLetterReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reference allow-list as parsed locations, and the total deadline of a fetch. */
class ReferenceFetcherTest {

  @Test
  void shouldAdmitOnlyTheSameSchemeHostPortAndPathSegments() {
    AllowedLocation cdn = AllowedLocation.parse("https://CDN.example.com/img");
    assertThat(cdn.admits(URI.create("https://cdn.example.com/img/a.png"))).isTrue();
    assertThat(cdn.admits(URI.create("https://cdn.example.com:443/img/a.png"))).isTrue();
    assertThat(cdn.admits(URI.create("https://cdn.example.com.evil.io/img/a.png"))).isFalse();
    assertThat(cdn.admits(URI.create("https://cdn.example.com/img2/a.png"))).isFalse();
    assertThat(cdn.admits(URI.create("https://cdn.example.com:8443/img/a.png"))).isFalse();
    assertThat(cdn.admits(URI.create("http://cdn.example.com/img/a.png"))).isFalse();
    assertThat(cdn.admits(URI.create("https://me@cdn.example.com/img/a.png"))).isFalse();
    assertThat(cdn.admits(URI.create("https://cdn.example.com/img/../etc/a.png").normalize()))
        .isFalse();
    AllowedLocation bare = AllowedLocation.parse("https://cdn.example.com");
    assertThat(bare.admits(URI.create("https://cdn.example.com/x.png"))).isTrue();
    assertThat(bare.admits(URI.create("https://cdn.example.com.evil.io/x.png"))).isFalse();
    AllowedLocation files = AllowedLocation.parse("file:/srv/uploads/");
    assertThat(files.admits(URI.create("file:///srv/uploads/a.png"))).isTrue();
    assertThat(files.admits(URI.create("file:///srv/uploads-other/a.png"))).isFalse();
  }

  @Test
  void shouldRefuseMalformedAllowListEntriesWhenTheSettingsAreBuilt() {
    for (String entry :
        List.of("cdn.example.com/", "ftp://cdn.example.com/", "https://u@cdn.example.com/")) {
      assertThatThrownBy(() -> ScreeningSettings.defaults().withReferenceAllowlist(List.of(entry)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(entry);
    }
  }

  @Test
  @Timeout(30)
  void shouldCutOffAServerThatTricklesItsBodyAtTheTimeout() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/slow.png",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream body = exchange.getResponseBody()) {
            for (int i = 0; i < 600; i++) {
              body.write(0x89);
              body.flush();
              Thread.sleep(100);
            }
          } catch (IOException | InterruptedException e) {
            // the client hung up, as it should
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      ReferenceFetcher fetcher =
          new ReferenceFetcher(List.of(base), 1 << 20, Duration.ofMillis(800));
      assertThatThrownBy(() -> fetcher.fetchAllowed(fetcher.allowed(base + "slow.png")))
          .isInstanceOfSatisfying(
              ScreeningException.class,
              e -> {
                assertThat(e.rejection().reason())
                    .isEqualTo(DeadLetterReason.REFERENCE_FETCH_FAILED);
                assertThat(e.rejection().detail()).contains("longer than 800 ms");
              });
    } finally {
      server.stop(0);
    }
  }
}
