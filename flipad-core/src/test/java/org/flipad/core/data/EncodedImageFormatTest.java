package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodedImageFormatTest {

  @Test
  void shouldNameTheMediaTypeOfTheBytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0};

    assertThat(EncodedImageFormat.mediaTypeOf(png)).isEqualTo("image/png");
    assertThat(EncodedImageFormat.mediaTypeOf(jpeg)).isEqualTo("image/jpeg");
    assertThat(EncodedImageFormat.mediaTypeOf(new byte[] {'G', 'I', 'F', '8'}))
        .isEqualTo("application/octet-stream");
  }
}
