package org.flipad.streams.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options every signed control command takes: where to send it, whose key signs it, which model.
 */
final class ControlConnection {
  @Option(
      names = "--bootstrap-servers",
      required = true,
      description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
  String bootstrapServers;

  @Option(
      names = "--registry-url",
      required = true,
      description = "Schema registry URL, e.g. http://127.0.0.1:8081.")
  URI registryUrl;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "Your private key (ID.key).")
  Path key;

  @Option(names = "--key-id", description = "Key id (default: the key file's name without .key).")
  String keyId;

  @Option(names = "--model", required = true, description = "The model id, e.g. dcgan-seed1.")
  String model;

  @Option(names = "--issuer", description = "Who issues the command (default: the user name).")
  String issuer = System.getProperty("user.name", "operator");

  @Option(names = "--note", description = "Why; kept in the audit trail.")
  String note;

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      description = "How long to follow the job, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every topic name.")
  String topicPrefix;
}
