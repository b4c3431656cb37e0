package org.flipad.streams.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The OpenAPI description and the user guide name every error code the API can answer. */
class ApiDescriptionTest {

  private static final Pattern CODE =
      Pattern.compile("new ApiProblem\\(\\s*\\d{3},\\s*\"([A-Z0-9_]+)\"", Pattern.MULTILINE);

  @Test
  void shouldDocumentEveryErrorCodeInTheDescriptionAndTheGuide() throws IOException {
    Set<String> codes = codesInSources(Path.of("src/main/java/org/flipad/streams/api"));
    String description =
        Files.readString(Path.of("src/main/resources" + ApiHandler.OPENAPI_RESOURCE));
    String guide = Files.readString(Path.of("../docs/console.md"));

    assertThat(codes).contains("UPLOAD_NOT_FOUND", "MALFORMED_SHA256", "INVALID_TOKEN");
    for (String code : codes) {
      assertThat(description).as(code).contains(code);
      assertThat(guide).as(code).contains("`" + code + "`");
    }
  }

  private static Set<String> codesInSources(Path dir) throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = CODE.matcher(Files.readString(file));
        while (matcher.find()) {
          codes.add(matcher.group(1));
        }
      }
    }
    return codes;
  }
}
