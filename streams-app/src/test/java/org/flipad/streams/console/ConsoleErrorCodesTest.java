package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The guide names every error code the console's endpoints can answer. */
class ConsoleErrorCodesTest {

  // The first upper-case string after "problem(exchange," is the code; the status before it may be
  // an expression with strings of its own.
  private static final Pattern CODE =
      Pattern.compile("problem\\(\\s*exchange,.*?\"([A-Z][A-Z0-9_]+)\"", Pattern.DOTALL);

  @Test
  void shouldDocumentEveryErrorCodeInTheGuide() throws IOException {
    StringBuilder source = new StringBuilder();
    try (var files = Files.list(Path.of("src/main/java/org/flipad/streams/console"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        source.append(Files.readString(file));
      }
    }
    String guide = Files.readString(Path.of("../docs/console.md"));
    Set<String> codes = new TreeSet<>();
    Matcher matcher = CODE.matcher(source);
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }

    assertThat(codes).contains("CSRF_TOKEN_INVALID", "LOGIN_REQUIRED", "NO_SUCH_PAGE");
    String section = guide.substring(guide.indexOf("## The review console"));
    for (String code : codes) {
      assertThat(section).as(code).contains("`" + code + "`");
    }
  }
}
