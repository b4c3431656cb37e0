package org.flipad.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The declared keys: documented, parseable defaults, sensible suggestions. */
class ConfigKeysTest {

  @Test
  void shouldDocumentEveryKeyInTheOperationsGuide() throws IOException {
    String guide = Files.readString(Path.of("../docs/operations.md"));

    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(guide).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }

  @Test
  void shouldHaveValidDefaults() {
    for (ConfigKey key : ConfigKeys.ALL) {
      if (key.defaultText() != null) {
        assertThat(key.parse(key.defaultText())).as(key.name()).isNotNull();
      }
    }
  }

  @Test
  void shouldSuggestTheKeyWithTheSmallestEditDistance() {
    assertThat(ConfigKeys.closest("flipad.worker.batchsize").name())
        .isEqualTo("flipad.worker.batch.size");
    assertThat(ConfigKeys.closest("flipad.http.prot").name()).isEqualTo("flipad.http.port");
    assertThat(ConfigKeys.editDistance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void shouldMapKeysToTheirEnvironmentVariables() {
    assertThat(ConfigKeys.SCREENING_DEADLINE_MS.envName())
        .isEqualTo("FLIPAD_SCREENING_DEADLINE_MS");
  }
}
