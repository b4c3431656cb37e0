package org.flipad.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The write side of {@link KafkaModelStore}: produces a bundle's chunks, then its manifest once
 * every chunk was acknowledged, on the store's one partition with an idempotent acks=all producer,
 * so that a reader who sees a manifest finds all its chunks before it. Thread-safe (the producer
 * is).
 */
final class ChunkTopicWriter implements AutoCloseable {

  private final Map<String, Object> clientProperties;
  private final KafkaModelStoreSettings settings;
  private final KafkaProducer<String, byte[]> producer;

  ChunkTopicWriter(Map<String, Object> clientProperties, KafkaModelStoreSettings settings) {
    this.clientProperties = clientProperties;
    this.settings = settings;
    this.producer = new KafkaProducer<>(producerProperties());
  }

  /**
   * Produces the chunks of {@code bundleFile}, then its manifest, waiting for each.
   *
   * @return the manifest written
   * @throws IOException when the file changed while it was read, or a send was not acknowledged
   */
  ChunkManifest write(Path bundleFile, String sha256, long size) throws IOException {
    ChunkManifest manifest = produceChunks(bundleFile, sha256, size);
    await(send(sha256, KafkaModelStore.JSON.writeValueAsBytes(manifest)), sha256, size);
    return manifest;
  }

  /** Closes the producer, waiting up to the store timeout for sends in flight. */
  @Override
  public void close() {
    producer.close(settings.timeout());
  }

  private ChunkManifest produceChunks(Path bundleFile, String sha256, long size)
      throws IOException {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    MessageDigest digest = BundleFiles.sha256();
    try (InputStream in = Files.newInputStream(bundleFile)) {
      // Send every chunk before waiting: the idempotent producer keeps them in order in the one
      // partition, and pipelining makes a put one round trip per batch, not per chunk.
      for (byte[] chunk = in.readNBytes(settings.chunkBytes());
          chunk.length > 0;
          chunk = in.readNBytes(settings.chunkBytes())) {
        digest.update(chunk);
        sent.add(send(sha256 + "/" + sent.size(), chunk));
      }
    }
    long firstOffset = Long.MAX_VALUE;
    for (Future<RecordMetadata> future : sent) {
      firstOffset = Math.min(firstOffset, await(future, sha256, size).offset());
    }
    String read = HexFormat.of().formatHex(digest.digest());
    if (!read.equals(sha256)) {
      // No manifest is written, so these chunks stay invisible; tombstones let compaction drop
      // them.
      for (int i = 0; i < sent.size(); i++) {
        send(sha256 + "/" + i, null);
      }
      throw new IOException(
          "Bundle file "
              + bundleFile
              + " changed while it was stored (sha256 "
              + sha256
              + " before, "
              + read
              + " while chunking). Nothing was published; put it again once the file is complete.");
    }
    return new ChunkManifest(sha256, size, sent.size(), settings.chunkBytes(), firstOffset);
  }

  private Future<RecordMetadata> send(String key, byte[] value) {
    // Partition 0, the topic's only one (ModelStoreTopic checks): one partition keeps the order.
    return producer.send(new ProducerRecord<>(settings.topic(), 0, key, value));
  }

  private RecordMetadata await(Future<RecordMetadata> future, String sha256, long size)
      throws ModelStoreException {
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw putFailed(sha256, size, e instanceof ExecutionException ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw putFailed(sha256, size, e);
    }
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> properties = new HashMap<>(clientProperties);
    // Set over the caller's: the store's durability and ordering promises depend on them.
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return properties;
  }

  private ModelStoreException putFailed(String sha256, long size, Throwable cause) {
    return new ModelStoreException(
        ModelStoreException.Reason.UNAVAILABLE,
        "Bundle "
            + sha256
            + " ("
            + size
            + " bytes) was not acknowledged by topic '"
            + settings.topic()
            + "' within "
            + settings.timeout()
            + ": "
            + cause
            + ". It was not published (its manifest is written last); retry once the brokers are"
            + " reachable.",
        cause);
  }
}
