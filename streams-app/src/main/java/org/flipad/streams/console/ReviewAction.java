package org.flipad.streams.console;

/** What a reviewer says about a verdict. */
enum ReviewAction {
  /** The verdict is right. */
  CONFIRM,
  /** The verdict is wrong. */
  OVERTURN
}
