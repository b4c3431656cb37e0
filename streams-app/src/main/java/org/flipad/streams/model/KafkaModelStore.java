package org.flipad.streams.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flipad.core.bundle.Sha256;

/**
 * A {@link ModelStore} on a compacted Kafka topic with one partition, so a cluster deployment needs
 * no shared volume. A bundle is split into chunks of at most {@link
 * KafkaModelStoreSettings#chunkBytes()} (key {@code <sha256>/<index>}, value the raw bytes),
 * followed by a manifest (key {@code <sha256>}, value JSON {@link ChunkManifest}). The manifest is
 * produced only after every chunk was acknowledged, and one partition keeps the order, so a reader
 * that sees a manifest finds all its chunks before it. Keys are content addresses, so compaction
 * only ever drops duplicates of identical bytes.
 *
 * <p>The topic is created through {@link org.apache.kafka.clients.admin.Admin} when absent (see
 * {@link ModelStoreTopic}). {@link #put} produces synchronously (acks=all, idempotent) and does
 * nothing when the manifest already exists. The store keeps an index of manifests, brought up to
 * the partition's end offset before every lookup that misses, so a bundle put by another process is
 * found. {@link #fetch} reads from the manifest's first chunk offset, reassembles the chunks in
 * memory (bundles are small: about 700 KB), and verifies the sha256 before the file appears. Client
 * properties (bootstrap servers, security) pass unchanged to the admin, producer and consumers;
 * only the settings this contract needs are set over them. Thread-safe; close it when done.
 * Producing a bundle's chunks and manifest is {@link ChunkTopicWriter}'s part, reading the topic
 * {@link ChunkTopicReader}'s.
 */
public final class KafkaModelStore implements ModelStore {

  // Unknown manifest fields are ignored so a newer writer's manifests stay readable here.
  static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, Object> clientProperties;
  private final KafkaModelStoreSettings settings;
  private final ChunkTopicWriter writer;
  private final ChunkTopicReader reader;
  private final Map<String, ChunkManifest> manifests = new HashMap<>();
  private long indexedTo;

  /**
   * A store on {@code settings.topic()}, creating the topic when absent.
   *
   * @param clientProperties Kafka client settings, e.g. {@code bootstrap.servers} and {@code
   *     security.protocol}
   * @throws IllegalStateException when the topic cannot be created or described in time, or has
   *     more than one partition
   */
  public KafkaModelStore(Map<String, ?> clientProperties, KafkaModelStoreSettings settings) {
    this.clientProperties =
        Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
    this.settings = Objects.requireNonNull(settings, "settings");
    ModelStoreTopic.ensure(this.clientProperties, settings);
    this.writer = new ChunkTopicWriter(this.clientProperties, settings);
    this.reader = new ChunkTopicReader(this.clientProperties, settings);
  }

  /** A store on {@value KafkaModelStoreSettings#DEFAULT_TOPIC} with default settings. */
  public KafkaModelStore(Map<String, ?> clientProperties) {
    this(clientProperties, KafkaModelStoreSettings.defaults());
  }

  /** The topic holding chunks and manifests. */
  public String topic() {
    return settings.topic();
  }

  @Override
  public String put(Path bundleFile) throws IOException {
    long size = Files.size(bundleFile);
    if (size == 0) {
      throw new IllegalArgumentException(
          "Bundle file "
              + bundleFile
              + " is empty; pass a detector bundle written by train-detector.");
    }
    String sha256 = Sha256.ofFile(bundleFile);
    if (contains(sha256)) {
      return sha256;
    }
    ChunkManifest manifest = writer.write(bundleFile, sha256, size);
    synchronized (this) {
      manifests.put(sha256, manifest);
    }
    return sha256;
  }

  @Override
  public boolean contains(String sha256) throws IOException {
    return manifest(BundleAddress.requireSha256(sha256)) != null;
  }

  @Override
  public Path fetch(String sha256, Path cacheDir) throws IOException {
    String address = BundleAddress.requireSha256(sha256);
    Path cached = cacheDir.resolve(address + EXTENSION);
    if (BundleFiles.verified(cached, address).isPresent()) {
      return cached;
    }
    ChunkManifest manifest = manifest(address);
    if (manifest == null) {
      throw new ModelStoreException(
          ModelStoreException.Reason.NOT_FOUND,
          "No bundle with sha256 "
              + address
              + " in topic '"
              + settings.topic()
              + "' ("
              + indexSize()
              + " bundles stored). Put the bundle into this store first, or check the version's"
              + " bundleSha256 and bundleLocation.");
    }
    byte[][] chunks = readChunks(manifest);
    return writeVerified(manifest, chunks, cached);
  }

  @Override
  public String location(String sha256) {
    return BundleAddress.kafka(settings.topic(), sha256);
  }

  /** Closes the producer, waiting up to the store timeout for sends in flight. */
  @Override
  public void close() {
    writer.close();
  }

  /** The manifest of {@code sha256}, reading manifests added since the last look when missing. */
  private synchronized ChunkManifest manifest(String sha256) throws ModelStoreException {
    ChunkManifest known = manifests.get(sha256);
    if (known != null) {
      return known;
    }
    indexedTo =
        reader.scan(
            indexedTo,
            message -> {
              index(message);
              return true;
            });
    return manifests.get(sha256);
  }

  private synchronized int indexSize() {
    return manifests.size();
  }

  private void index(ConsumerRecord<String, byte[]> message) {
    if (message.key() == null || message.key().indexOf('/') >= 0) {
      return; // a chunk, not a manifest
    }
    if (message.value() == null) {
      manifests.remove(message.key()); // a tombstone withdraws the bundle
      return;
    }
    try {
      manifests.put(message.key(), JSON.readValue(message.value(), ChunkManifest.class));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Record at offset "
              + message.offset()
              + " of model store topic '"
              + settings.topic()
              + "' (key "
              + message.key()
              + ") is not a chunk manifest: "
              + e.getMessage()
              + ". Only a KafkaModelStore may write to this topic.",
          e);
    }
  }

  private byte[][] readChunks(ChunkManifest manifest) throws ModelStoreException {
    byte[][] chunks = new byte[manifest.chunks()][];
    String prefix = manifest.sha256() + "/";
    int[] found = {0};
    reader.scan(
        manifest.firstChunkOffset(),
        message -> {
          String key = message.key();
          if (key != null && key.startsWith(prefix) && message.value() != null) {
            int index = Integer.parseInt(key.substring(prefix.length()));
            if (index < chunks.length && chunks[index] == null) {
              chunks[index] = message.value();
              found[0]++;
            }
          }
          return found[0] < chunks.length;
        });
    if (found[0] < chunks.length) {
      throw new ModelStoreException(
          ModelStoreException.Reason.CORRUPT,
          "Bundle "
              + manifest.sha256()
              + " in topic '"
              + settings.topic()
              + "' lists "
              + manifest.chunks()
              + " chunks but only "
              + found[0]
              + " were found from offset "
              + manifest.firstChunkOffset()
              + ". The topic was altered outside the store; put the bundle again.");
    }
    return chunks;
  }

  private Path writeVerified(ChunkManifest manifest, byte[][] chunks, Path cached)
      throws IOException {
    Path temp = BundleFiles.tempIn(cached.getParent());
    try {
      MessageDigest digest = BundleFiles.sha256();
      long size = 0;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
        for (byte[] chunk : chunks) {
          out.write(chunk);
          size += chunk.length;
        }
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(manifest.sha256()) || size != manifest.size()) {
        throw new ModelStoreException(
            ModelStoreException.Reason.CORRUPT,
            "Bundle reassembled from topic '"
                + settings.topic()
                + "' has sha256 "
                + actual
                + " and "
                + size
                + " bytes, not the "
                + manifest.sha256()
                + " and "
                + manifest.size()
                + " bytes its manifest records. It was not loaded; put the original bundle again.");
      }
      return BundleFiles.publish(temp, cached);
    } finally {
      BundleFiles.deleteQuietly(temp);
    }
  }
}
