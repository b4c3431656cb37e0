package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void shouldMatchOnlyThePasswordItWasMadeFrom() {
    PasswordHash hash = PasswordHash.of("correct horse battery");

    assertThat(hash.matches("correct horse battery")).isTrue();
    assertThat(hash.matches("correct horse battery ")).isFalse();
    assertThat(hash.matches("")).isFalse();
  }

  @Test
  void shouldReadBackWhatItWritesAndSaltEachHash() {
    PasswordHash hash = PasswordHash.of("s3cret-enough-pw");

    PasswordHash read = PasswordHash.parse(hash.encoded());

    assertThat(read).isEqualTo(hash);
    assertThat(read.matches("s3cret-enough-pw")).isTrue();
    assertThat(hash.encoded()).startsWith("pbkdf2-sha256$210000$").doesNotContain("s3cret");
    assertThat(PasswordHash.of("s3cret-enough-pw")).isNotEqualTo(hash);
  }

  @Test
  void shouldRefuseMalformedAndWeakHashesSayingHowToMakeOne() {
    assertThatThrownBy(() -> PasswordHash.parse("5f4dcc3b5aa765d61d8327deb882cf99"))
        .hasMessageContaining("pbkdf2-sha256$ITERATIONS$SALT$HASH")
        .hasMessageContaining("flipad console --hash-password");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$x$AAAA$AAAA"))
        .hasMessageContaining("bad number or base64");
    String weak = PasswordHash.of("pw").encoded().replace("$210000$", "$1000$");
    assertThatThrownBy(() -> PasswordHash.parse(weak)).hasMessageContaining("too weak");
  }
}
