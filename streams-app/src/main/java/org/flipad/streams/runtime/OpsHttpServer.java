package org.flipad.streams.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints over the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of the registry in the Prometheus text format 0.0.4;
 *   <li>{@code GET /live}: 200 {@code live} while the process serves HTTP (a liveness probe that a
 *       slow model load does not fail);
 *   <li>{@code GET /ready}: 200 {@code ready} when the {@link Readiness} check passes, else 503
 *       with one reason per line (a readiness probe).
 * </ul>
 *
 * <p>HEAD is answered like GET without a body; other methods get 405, other paths 404. Close it to
 * stop the server and its threads.
 */
public final class OpsHttpServer implements AutoCloseable {

  /** Content type of the Prometheus text exposition format 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpsHttpServer(
      HttpServer server,
      ExecutorService executor,
      PrometheusMeterRegistry registry,
      Readiness readiness) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.readiness = readiness;
  }

  /**
   * Starts serving {@code registry} and {@code readiness} on {@code settings}' address and port.
   *
   * @throws UncheckedIOException if the address cannot be bound (port taken, unknown address)
   */
  public static OpsHttpServer start(
      OpsHttpSettings settings, PrometheusMeterRegistry registry, Readiness readiness) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(readiness, "readiness");
    InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
    HttpServer server;
    try {
      if (address.isUnresolved()) {
        throw new IOException("unknown host " + settings.bindAddress());
      }
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the ops HTTP server to "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose a free port (0 for any) or another bind address",
          e);
    }
    // Two threads: a slow scrape must not hold up a probe.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "ops-http");
              thread.setDaemon(true);
              return thread;
            });
    OpsHttpServer ops = new OpsHttpServer(server, executor, registry, readiness);
    server.createContext("/", ops::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("Ops endpoints on {} (/metrics, /live, /ready)", ops.uri());
    return ops;
  }

  /** The bound port (the chosen one when the settings asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** Stops the server at once and its threads; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      dispatch(exchange);
    } catch (RuntimeException e) {
      // The JDK server would drop the connection silently; a 500 with the cause is more useful.
      LOG.warn("Ops HTTP request {} failed", exchange.getRequestURI(), e);
      send(exchange, 500, PLAIN_TEXT, "Internal error: " + e + "\n");
    } finally {
      exchange.close();
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!List.of("/metrics", "/live", "/ready").contains(path)) {
      send(exchange, 404, PLAIN_TEXT, "No endpoint " + path + "; try /metrics, /live or /ready\n");
      return;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      send(exchange, 405, PLAIN_TEXT, method + " is not supported on " + path + "; use GET\n");
      return;
    }
    switch (path) {
      case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, registry.scrape(PROMETHEUS_TEXT));
      case "/live" -> send(exchange, 200, PLAIN_TEXT, "live\n");
      default -> answerReady(exchange);
    }
  }

  private void answerReady(HttpExchange exchange) throws IOException {
    List<String> reasons;
    try {
      reasons = readiness.notReady();
    } catch (RuntimeException e) {
      // A failing check means "not ready", not a broken endpoint: the probe must see 503.
      LOG.warn("The readiness check failed", e);
      reasons = List.of("readiness check failed: " + e);
    }
    if (reasons.isEmpty()) {
      send(exchange, 200, PLAIN_TEXT, "ready\n");
    } else {
      send(exchange, 503, PLAIN_TEXT, "not ready\n" + String.join("\n", reasons) + "\n");
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
