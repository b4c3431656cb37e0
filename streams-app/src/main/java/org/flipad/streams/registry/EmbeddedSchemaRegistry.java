package org.flipad.streams.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process schema registry speaking the Confluent REST subset (docs/registry.md) over the
 * JDK's HTTP server on the loopback interface: registration with BACKWARD compatibility by default,
 * registry-wide ids, per-subject versions, look-ups, compatibility checks and levels. For the
 * embedded mode and tests; any Confluent-compatible client can use it. Close it to stop the server.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final RegistryHttpHandler handler;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedSchemaRegistry(
      HttpServer server, ExecutorService executor, RegistryHttpHandler handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /** Starts a registry with an in-memory store on an ephemeral loopback port, BACKWARD level. */
  public static EmbeddedSchemaRegistry start() {
    return start(0, new InMemorySchemaStore(), CompatibilityLevel.BACKWARD);
  }

  /**
   * Starts a registry on loopback {@code port} (0 = ephemeral), rebuilding its state from {@code
   * store} and checking new versions at {@code level} unless a subject sets its own.
   */
  public static EmbeddedSchemaRegistry start(
      int port, SchemaStore store, CompatibilityLevel level) {
    RegistryHttpHandler handler = new RegistryHttpHandler(new SchemaCatalog(store, level));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot bind the embedded schema registry to loopback port "
              + port
              + "; choose another port or 0 for an ephemeral one",
          e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "embedded-schema-registry");
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    return new EmbeddedSchemaRegistry(server, executor, handler);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  /** HTTP requests served so far (for tests of client caching). */
  public long requestCount() {
    return handler.requestCount();
  }

  /** Stops the server at once and its threads; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
