package org.flipad.streams.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The console account of a following demo: a fixed name and a password made for each run. */
final class DemoCredentials {

  /** The demo reviewer's user name. */
  static final String REVIEWER = "demo-reviewer";

  private static final SecureRandom RANDOM = new SecureRandom();

  private DemoCredentials() {}

  /** A fresh random password (24 hex characters). */
  static String password() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
