package org.flipad.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.flipad.core.data.Image8;

/** SHA-256 digests as lower-case hex, the form manifests store. */
public final class Sha256 {
  private Sha256() {}

  /** The digest of a file's bytes, read in a stream. */
  public static String ofFile(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The digest of bytes in memory. */
  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** The digest of the images' pixel bytes, concatenated in order (C×H×W each). */
  public static String ofImages(List<Image8> images) {
    MessageDigest digest = newDigest();
    for (Image8 image : images) {
      digest.update(image.pixels());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256, which every Java 17 must have.", e);
    }
  }
}
