package org.flipad.streams.model;

/**
 * The record that makes a bundle visible in a {@link KafkaModelStore}: written under key {@code
 * <sha256>} after every chunk {@code <sha256>/<index>} was acknowledged, so a reader that sees it
 * can find all chunks at or after {@code firstChunkOffset}.
 *
 * @param sha256 the bundle's address, 64 lower-case hex digits
 * @param size the bundle's length in bytes
 * @param chunks how many chunks hold it, indexed from 0
 * @param chunkBytes the length of every chunk but the last
 * @param firstChunkOffset the offset of the earliest chunk; a reader starts there instead of at 0
 */
record ChunkManifest(String sha256, long size, int chunks, int chunkBytes, long firstChunkOffset) {}
