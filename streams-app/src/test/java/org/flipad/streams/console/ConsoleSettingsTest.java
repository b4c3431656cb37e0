package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

  private static final String HASH = PasswordHash.of("alice-password").encoded();

  @Test
  void shouldReadUserEntries() {
    ConsoleUser alice = ConsoleUser.parse("alice:Reviewer:" + HASH);

    assertThat(alice.name()).isEqualTo("alice");
    assertThat(alice.role()).isEqualTo(Role.REVIEWER);
    assertThat(alice.password().matches("alice-password")).isTrue();
    assertThat(ConsoleUser.parse(alice.entry())).isEqualTo(alice);
  }

  @Test
  void shouldSayWhatIsWrongWithAUserEntry() {
    assertThatThrownBy(() -> ConsoleUser.parse("alice:" + HASH))
        .hasMessageContaining("is not NAME:ROLE:HASH");
    assertThatThrownBy(() -> ConsoleUser.parse("alice:admin:" + HASH))
        .hasMessageContaining("Unknown console role 'admin'; use reviewer or viewer");
    assertThatThrownBy(() -> ConsoleUser.parse("al ice:viewer:" + HASH))
        .hasMessageContaining("must be 1 to 64 letters");
    assertThatThrownBy(() -> ConsoleUser.parse("alice:viewer:plain-password"))
        .hasMessageContaining("flipad console --hash-password");
  }

  @Test
  void shouldRefuseNoUsersDuplicatesAndInvertedSessionLimits() {
    ConsoleUser alice = ConsoleUser.parse("alice:viewer:" + HASH);

    assertThatThrownBy(() -> ConsoleSettings.of(List.of()))
        .hasMessageContaining("no users, so nobody could log in");
    assertThatThrownBy(() -> ConsoleSettings.of(List.of(alice, alice)))
        .hasMessageContaining("'alice' is configured twice");
    assertThatThrownBy(
            () -> new ConsoleSettings(List.of(alice), Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageContaining("no longer than the longest session");
    assertThat(ConsoleSettings.of(List.of(alice)).user("alice")).contains(alice);
    assertThat(ConsoleSettings.of(List.of(alice)).user("bob")).isEmpty();
  }
}
