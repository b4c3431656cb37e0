package org.flipad.streams.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a lookup over HTTP to the instance named by its {@code application.server}, which must
 * therefore be the host and port of that instance's API. The caller's Authorization header goes
 * along (every instance is configured with the same tokens); {@value ApiRequest#FORWARDED_HEADER}
 * stops a second hop.
 */
final class HttpForwarder implements Forwarder {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  @Override
  public ApiResponse forward(HostInfo owner, ApiRequest request) {
    URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + request.rawPath());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(ApiRequest.FORWARDED_HEADER, "1");
    if (request.authorization() != null) {
      builder.header("Authorization", request.authorization());
    }
    builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      String type = response.headers().firstValue("Content-Type").orElse(ApiResponse.JSON);
      return new ApiResponse(response.statusCode(), type, response.body(), Map.of());
    } catch (IOException e) {
      return unreachable(owner, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unreachable(owner, "interrupted");
    }
  }

  private static ApiResponse unreachable(HostInfo owner, String why) {
    JsonNode body =
        new ApiProblem(
                502,
                "OWNER_UNREACHABLE",
                "The instance that holds this key, "
                    + owner.host()
                    + ":"
                    + owner.port()
                    + " (its application.server), did not answer: "
                    + why
                    + ". Check that application.server is the host and port of its lookup API.")
            .toJson();
    return ApiResponse.json(502, body);
  }
}
