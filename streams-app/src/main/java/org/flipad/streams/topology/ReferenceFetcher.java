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
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;

/**
 * Loads images that uploads carry by reference, only from allow-listed places. The URI is
 * normalised before the prefix check so {@code ..} segments cannot climb out of an allowed
 * directory, and URIs with user info are refused (they can smuggle another host past a prefix).
 * Reads stop one byte past the cap, so an oversized image is refused without being held whole.
 */
final class ReferenceFetcher {

  private final List<String> allowlist;
  private final long maxBytes;
  private final Duration timeout;
  private final HttpClient http;

  ReferenceFetcher(List<String> allowlist, long maxBytes, Duration timeout) {
    this.allowlist = List.copyOf(allowlist);
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The referenced image's bytes. */
  byte[] fetch(String reference) throws ScreeningException {
    URI uri = allowed(reference);
    try (InputStream in = open(uri)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
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

  private URI allowed(String reference) throws ScreeningException {
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
    String normalised = uri.toString();
    boolean allowed =
        uri.getRawUserInfo() == null
            && !normalised.contains("/../")
            && allowlist.stream().anyMatch(normalised::startsWith);
    if (!allowed) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.REFERENCE_NOT_ALLOWED,
              DeadLetterStage.FETCH,
              "imageUri '"
                  + reference
                  + "' is not under an allowed prefix "
                  + allowlist
                  + ". Upload the image inline or from an allow-listed location; operators set"
                  + " the list with flipad.reference.allowlist."));
    }
    return uri;
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
