package org.flipad.streams.topology;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;

/**
 * Loads images that uploads carry by reference, only from allow-listed places ({@link
 * AllowedLocation}: scheme, host, port and a path prefix by segments). The URI is normalised before
 * the check so {@code ..} segments cannot climb out of an allowed directory, and URIs with user
 * info are refused. Reads stop one byte past the cap, so an oversized image is refused without
 * being held whole, and the whole fetch (connection, headers and body) is bounded by the timeout: a
 * server that trickles its body is cut off.
 */
final class ReferenceFetcher {

  /** One daemon thread closes streams whose fetch ran past its deadline. */
  private static final ScheduledExecutorService CUT_OFF =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "flipad-reference-cutoff");
            thread.setDaemon(true);
            return thread;
          });

  private final List<String> allowlist;
  private final List<AllowedLocation> locations;
  private final long maxBytes;
  private final Duration timeout;
  private final HttpClient http;

  ReferenceFetcher(List<String> allowlist, long maxBytes, Duration timeout) {
    this.allowlist = List.copyOf(allowlist);
    this.locations = allowlist.stream().map(AllowedLocation::parse).toList();
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The bytes at {@code uri}, which {@link #allowed} admitted. Blocks for up to the timeout, so the
   * screening service calls it off the stream thread ({@link ReferenceFetches}).
   */
  byte[] fetchAllowed(URI uri) throws ScreeningException {
    String reference = uri.toString();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (InputStream in = open(uri)) {
      byte[] bytes = readWithin(in, deadline);
      if (bytes.length > maxBytes) {
        throw new ScreeningException(
            Rejection.of(
                DeadLetterReason.TOO_MANY_BYTES,
                DeadLetterStage.FETCH,
                "The referenced image "
                    + reference
                    + " is larger than the cap of "
                    + maxBytes
                    + " bytes. Resize or recompress it before uploading."));
      }
      return bytes;
    } catch (IOException e) {
      throw new ScreeningException(
          new Rejection(
              DeadLetterReason.REFERENCE_FETCH_FAILED,
              DeadLetterStage.FETCH,
              "Could not load the referenced image "
                  + reference
                  + ": "
                  + e.getMessage()
                  + ". Check that it exists and is readable by the service, then re-send the"
                  + " upload.",
              e.getClass().getName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.REFERENCE_FETCH_FAILED,
              DeadLetterStage.FETCH,
              "Interrupted while loading " + reference + "; re-send the upload."));
    }
  }

  /** {@code reference} parsed and normalised, if the allow-list admits it; no I/O. */
  URI allowed(String reference) throws ScreeningException {
    URI uri;
    try {
      uri = new URI(reference).normalize();
    } catch (URISyntaxException e) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.INVALID_UPLOAD,
              DeadLetterStage.VALIDATE,
              "imageUri '" + reference + "' is not a valid URI: " + e.getMessage()));
    }
    boolean allowed = locations.stream().anyMatch(location -> location.admits(uri));
    if (!allowed) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.REFERENCE_NOT_ALLOWED,
              DeadLetterStage.FETCH,
              "imageUri '"
                  + reference
                  + "' is not under an allowed location "
                  + allowlist
                  + ". Upload the image inline or from an allow-listed location; operators set"
                  + " the list with flipad.reference.allowlist."));
    }
    return uri;
  }

  /**
   * Reads up to one byte past the cap, in chunks, closing the stream when the deadline passes so a
   * blocked read ends with an IOException instead of holding the thread.
   */
  private byte[] readWithin(InputStream in, long deadlineNanos) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
    ScheduledFuture<?> cutOff =
        CUT_OFF.schedule(
            () -> {
              try {
                in.close();
              } catch (IOException ignored) {
                // the reader sees the closed stream
              }
            },
            Math.max(0, deadlineNanos - System.nanoTime()),
            TimeUnit.NANOSECONDS);
    try {
      byte[] bytes = in.readNBytes(limit);
      if (System.nanoTime() > deadlineNanos) {
        throw new IOException("the fetch took longer than " + timeout.toMillis() + " ms");
      }
      return bytes;
    } catch (IOException e) {
      if (System.nanoTime() > deadlineNanos) {
        throw new IOException("the fetch took longer than " + timeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      cutOff.cancel(false);
    }
  }

  private InputStream open(URI uri) throws IOException, InterruptedException {
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file":
        return Files.newInputStream(Path.of(uri));
      case "http", "https":
        HttpResponse<InputStream> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          throw new IOException("HTTP status " + response.statusCode());
        }
        return response.body();
      default:
        throw new IOException("scheme '" + scheme + "' is not supported (file, http, https)");
    }
  }
}
