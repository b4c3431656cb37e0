package org.flipad.streams.topology;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;

/**
 * Fetches of referenced images, off the stream thread. A fetch may take up to its timeout (a slow
 * or hostile server), and a stream thread serves every partition of its tasks: fetched inline, one
 * slow reference would hold up every upload behind it. Here each task's fetches run on a few
 * threads of their own, and their outcomes wait in a queue that the task's punctuator drains on the
 * stream thread, where screening goes on inside the exactly-once transaction.
 *
 * <p>Nothing here is durable: what is being fetched is in the {@code pending-fetches} store, and a
 * task that starts (after a crash or a rebalance) submits every entry again.
 */
final class ReferenceFetches implements AutoCloseable {

  /** Concurrent fetches per task; more wait in the queue. */
  static final int THREADS_PER_TASK = 4;

  private static final AtomicInteger POOLS = new AtomicInteger();

  /**
   * How one fetch ended: the image's bytes, or why it failed.
   *
   * @param uploadId the upload
   * @param sourceOffset the offset of the record that asked, to match it with its store entry
   * @param bytes the fetched bytes, or null on failure
   * @param failure why the fetch failed, or null
   */
  record Completed(String uploadId, long sourceOffset, byte[] bytes, Rejection failure) {}

  private final ReferenceFetcher fetcher;
  private final ThreadPoolExecutor pool;
  private final ConcurrentLinkedQueue<Completed> completed = new ConcurrentLinkedQueue<>();

  ReferenceFetches(ReferenceFetcher fetcher) {
    this.fetcher = fetcher;
    int poolNumber = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            THREADS_PER_TASK,
            THREADS_PER_TASK,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread =
                  new Thread(
                      r, "flipad-reference-fetch-" + poolNumber + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Starts fetching {@code uri} (already checked against the allow-list) for an upload. */
  void submit(String uploadId, long sourceOffset, URI uri) {
    pool.execute(
        () -> {
          Completed outcome;
          try {
            outcome = new Completed(uploadId, sourceOffset, fetcher.fetchAllowed(uri), null);
          } catch (ScreeningException e) {
            outcome = new Completed(uploadId, sourceOffset, null, e.rejection());
          } catch (RuntimeException e) {
            outcome =
                new Completed(
                    uploadId,
                    sourceOffset,
                    null,
                    new Rejection(
                        DeadLetterReason.REFERENCE_FETCH_FAILED,
                        DeadLetterStage.FETCH,
                        "Could not load the referenced image " + uri + ": " + e,
                        e.getClass().getName()));
          }
          completed.add(outcome);
        });
  }

  /** Ends a fetch without trying it, for {@code failure} (the punctuator dead-letters it). */
  void fail(String uploadId, long sourceOffset, Rejection failure) {
    completed.add(new Completed(uploadId, sourceOffset, null, failure));
  }

  /** The fetches that ended since the last call (stream thread). */
  List<Completed> drain() {
    List<Completed> drained = new ArrayList<>();
    Completed next;
    while ((next = completed.poll()) != null) {
      drained.add(next);
    }
    return drained;
  }

  /** Stops the fetches; outcomes not yet drained are dropped (the store keeps their uploads). */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
