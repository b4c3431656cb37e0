package org.flipad.streams.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flipad.streams.lookup.Lookups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookup API on the JDK's HTTP server: {@code /api/v1/uploads/{uploadId}}, {@code
 * /api/v1/images/{sha256}}, {@code /api/v1/models}, {@code /api/v1/stats} and {@code
 * /api/v1/openapi.yaml} (see {@link ApiHandler} for what each answers and who may ask). Every
 * answer carries {@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}, {@code
 * X-Frame-Options: DENY} and a CSP that allows nothing, since bodies are data and never pages.
 * Close it to stop the server and its threads.
 */
public final class ApiHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApiHandler handler;
  private final ApiListener listener;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApiHttpServer(
      HttpServer server, ExecutorService executor, ApiHandler handler, ApiListener listener) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
    this.listener = listener;
  }

  /**
   * Starts serving.
   *
   * @param settings address, port, tokens, threads
   * @param lookups the lookup stores
   * @param models what {@code /api/v1/models} lists
   * @param retention how long outcomes are kept (named in "not found" answers)
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ApiHttpServer start(
      ApiSettings settings, Lookups lookups, ModelListing models, Duration retention) {
    return start(settings, lookups, models, retention, ApiListener.NONE);
  }

  /**
   * Starts serving, without statistics ({@code /api/v1/stats} answers 404), and tells {@code
   * listener} of every answered request.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ApiHttpServer start(
      ApiSettings settings,
      Lookups lookups,
      ModelListing models,
      Duration retention,
      ApiListener listener) {
    return start(
        settings, new ApiContent(lookups, models, StatsListing.NOT_KEPT, retention), listener);
  }

  /**
   * Starts serving {@code content}, statistics included, and tells {@code listener} of every
   * answered request.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ApiHttpServer start(
      ApiSettings settings, ApiContent content, ApiListener listener) {
    preferNoDelay();
    ApiHandler handler =
        new ApiHandler(content, new BearerTokens(settings.tokenSha256()), new HttpForwarder());
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the lookup API to "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose a free port (flipad.api.port, 0 for any) or another address",
          e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            settings.threads(),
            runnable -> {
              Thread thread = new Thread(runnable, "api-http");
              thread.setDaemon(true);
              return thread;
            });
    ApiHttpServer api = new ApiHttpServer(server, executor, handler, listener);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info(
        "Lookup API on {}{} ({})",
        api.uri(),
        ApiRouter.BASE,
        settings.authenticated() ? "bearer tokens required" : "loopback, no tokens: no images");
    return api;
  }

  /**
   * Turns on TCP_NODELAY for every JDK HTTP server of this JVM, unless {@code
   * -Dsun.net.httpserver.nodelay} says otherwise. The JDK server writes a response's headers and
   * body as two segments; with Nagle's algorithm and the client's delayed ACK each small answer
   * then waits about 40 ms. The JDK reads the property once, when its first server is created, so
   * call this before any server starts (the {@code flipad} command does, first thing).
   */
  public static void preferNoDelay() {
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  /** The bound port (the chosen one when the settings asked for 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8090}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /**
   * Serves {@code handler} under {@code prefix} on the same address and threads (the review
   * console). Its answers are its own: none of the API's headers, tokens or metrics apply.
   */
  public void mount(String prefix, HttpHandler handler) {
    server.createContext(prefix, handler);
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
    long started = System.nanoTime();
    int status = 500;
    try {
      ApiRequest request =
          new ApiRequest(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().containsKey(ApiRequest.FORWARDED_HEADER));
      ApiResponse response;
      try {
        response = handler.handle(request);
      } catch (RuntimeException e) {
        // The JDK server would drop the connection silently; the caller gets a JSON 500 instead.
        LOG.warn("Lookup API request {} {} failed", request.method(), request.rawPath(), e);
        response =
            ApiResponse.problem(
                new ApiProblem(
                    500, "INTERNAL_ERROR", "The request failed inside the service: " + e));
      }
      status = response.status();
      send(exchange, response);
    } finally {
      exchange.close();
      listener.answered(
          ApiRouter.endpoint(exchange.getRequestURI().getRawPath()),
          status,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.headers().forEach(headers::set);
    if (response.status() == 405) {
      headers.set("Allow", "GET, HEAD");
    }
    if (exchange.getRequestMethod().equals("HEAD") || response.body().length == 0) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }
}
