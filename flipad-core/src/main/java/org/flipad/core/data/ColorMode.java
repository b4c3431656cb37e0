package org.flipad.core.data;

/** The channel layout requested from a decoder: one gray channel or three RGB channels. */
public enum ColorMode {
  /**
   * One channel. RGB sources are converted with ITU-R BT.601 luma, {@code round(0.299 R + 0.587 G +
   * 0.114 B)}, computed exactly in integers with halves rounded up.
   */
  GRAYSCALE(1),
  /** Three channels R, G, B. Gray sources are replicated into all three. */
  RGB(3);

  private final int channels;

  ColorMode(int channels) {
    this.channels = channels;
  }

  /** Number of channels in this mode: 1 or 3. */
  public int channels() {
    return channels;
  }
}
