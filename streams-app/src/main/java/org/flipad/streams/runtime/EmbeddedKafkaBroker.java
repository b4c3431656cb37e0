package org.flipad.streams.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.flipad.streams.topic.TopicCreator;
import org.flipad.streams.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft broker and controller in one {@link KafkaRaftServer}) running in this
 * JVM, listening on the loopback interface, for {@code flipad demo} and integration tests.
 *
 * <p>Data lives under {@code workDir/kafka-logs}; the directory is formatted on first start only,
 * so a restart on the same work directory keeps every topic and record. Replication factors and
 * minimum in-sync replicas are 1, so transactions ({@code exactly_once_v2}) work. Automatic topic
 * creation is off: declare topics with {@link #createTopics(Collection)}. {@link #start} returns
 * once a client can reach the broker. Close it to shut the broker down; at most one broker may use
 * a work directory at a time.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Path workDir;
  private final int port;
  private final Admin admin;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path workDir, int port, Admin admin) {
    this.server = server;
    this.workDir = workDir;
    this.port = port;
    this.admin = admin;
  }

  /**
   * Starts a broker storing its data under {@code workDir} (created if missing) and serving
   * PLAINTEXT clients on {@code 127.0.0.1:port}; {@code port} 0 picks a free port. Blocks until a
   * client can reach the broker (about a second).
   *
   * @throws IllegalStateException if the broker does not start or is not reachable in time
   */
  public static EmbeddedKafkaBroker start(Path workDir, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Broker port " + port + " is outside 0..65535; give a port, or 0 for a free one");
    }
    Path logDir = workDir.resolve("kafka-logs").toAbsolutePath();
    createDirectories(logDir);
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    KafkaConfig config =
        new KafkaConfig(brokerProperties(logDir, brokerPort, controllerPort), false);
    formatIfNew(logDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    Admin admin = null;
    try {
      server.startup();
      admin = Admin.create(adminProperties(brokerPort));
      awaitReachable(admin, brokerPort);
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
      shutdownQuietly(server);
      throw new IllegalStateException(
          "The embedded Kafka broker did not start on 127.0.0.1:"
              + brokerPort
              + " with data in "
              + logDir
              + "; check that the port is free and no other broker uses that directory",
          e);
    }
    LOG.info("Embedded Kafka broker ready on 127.0.0.1:{} with data in {}", brokerPort, logDir);
    return new EmbeddedKafkaBroker(server, workDir, brokerPort, admin);
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:41234}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The work directory given to {@link #start}. */
  public Path workDir() {
    return workDir;
  }

  /**
   * Creates the topics that do not exist yet; existing topics are left as they are (their configs
   * are not changed), so calling this on every start is safe.
   *
   * @throws IllegalStateException if an existing topic has a different partition count, or the
   *     broker refuses or does not answer a creation in time
   */
  public void createTopics(Collection<TopicSpec> topics) {
    TopicCreator.createMissing(admin, topics);
  }

  /** The broker's admin client; owned by this broker and closed with it. */
  public Admin admin() {
    return admin;
  }

  /** Shuts the broker down and waits for it; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    admin.close(Duration.ofSeconds(1));
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Embedded Kafka broker on 127.0.0.1:{} stopped", port);
  }

  static Map<String, Object> brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    return Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        // A static voter set: nothing about the controller's address is persisted, so a restart
        // may pick a different free controller port.
        Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry(
            "listeners",
            "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("log.dirs", logDir.toString()),
        Map.entry("num.partitions", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        // One partition each for the internal topics: a single node gains nothing from 50, and
        // creating them would delay the first consumer group and the first transaction.
        Map.entry("offsets.topic.num.partitions", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("auto.create.topics.enable", "false"),
        // The log cleaner allocates this buffer up front (128 MiB by default); compacted topics of
        // a demo need far less.
        Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)));
  }

  private static void formatIfNew(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          // The metadata log shares the one data directory, Kafka's default when
          // metadata.log.dir is unset.
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot format the Kafka log directory "
              + logDir
              + "; check that it is writable, or delete it to start from scratch",
          e);
    }
    LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).strip());
  }

  private static Map<String, Object> adminProperties(int brokerPort) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        "127.0.0.1:" + brokerPort,
        AdminClientConfig.CLIENT_ID_CONFIG,
        "embedded-kafka-admin",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) ADMIN_TIMEOUT.toMillis());
  }

  private static void awaitReachable(Admin admin, int brokerPort) {
    if (await(admin.describeCluster().nodes()).isEmpty()) {
      throw new IllegalStateException(
          "The broker on 127.0.0.1:" + brokerPort + " reports no live nodes");
    }
  }

  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The embedded broker did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
    }
  }

  private static int freePort() {
    // The port is free when probed; another process could take it before Kafka binds, which the
    // start-up error message covers.
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port for the embedded broker", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the Kafka log directory " + dir + "; choose a writable work directory", e);
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      // The start-up failure is what the caller needs; a failed clean-up after it adds nothing.
      LOG.debug("Shutting down the half-started embedded broker failed", e);
    }
  }
}
