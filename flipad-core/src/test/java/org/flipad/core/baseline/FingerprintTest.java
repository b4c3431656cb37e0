package org.flipad.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flipad.core.data.Image8;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints of a planted residual: smooth images (a random plane a + b·x + c·y per image) plus a
 * fixed ±3-level pseudo-random pattern per "generator".
 */
class FingerprintTest {

  private static final int SIZE = 32;
  private static final long SEED = 77L;
  private static final int[] TARGET_PATTERN = pattern(1);
  private static final int[] OTHER_PATTERN = pattern(2);

  @Test
  void shouldScoreFreshTargetImagesBelowOtherImages() {
    Random random = new Random(SEED);
    Fingerprint fingerprint = Fingerprint.fit(images(50, TARGET_PATTERN, random));
    double[] target = fingerprint.scores(images(20, TARGET_PATTERN, random));
    double[] other = fingerprint.scores(images(20, OTHER_PATTERN, random));
    double maxTarget = Arrays.stream(target).max().orElseThrow();
    double minOther = Arrays.stream(other).min().orElseThrow();
    assertThat(maxTarget).as("seed %d", SEED).isLessThan(minOther);
  }

  @Test
  void shouldCorrelateWithThePlantedPattern() {
    Fingerprint fingerprint = Fingerprint.fit(images(50, TARGET_PATTERN, new Random(SEED)));
    assertThat(pearson(fingerprint.toArray(), TARGET_PATTERN))
        .as("seed %d", SEED)
        .isGreaterThan(0.5);
  }

  @Test
  void shouldGiveTheSameScoresWhenRestoredFromItsArray() {
    Random random = new Random(SEED);
    Fingerprint fingerprint = Fingerprint.fit(images(10, TARGET_PATTERN, random));
    Fingerprint restored = Fingerprint.of(fingerprint.toArray(), SIZE, SIZE);
    Image8 probe = images(1, TARGET_PATTERN, random).get(0);
    assertThat(restored.score(probe)).isCloseTo(fingerprint.score(probe), within(1e-6));
  }

  @Test
  void shouldRefuseFlatTargetImages() {
    Image8 flat = new Image8(1, SIZE, SIZE, new byte[SIZE * SIZE]);
    assertThatThrownBy(() -> Fingerprint.fit(List.of(flat)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("L2 norm 0.0");
  }

  @Test
  void shouldRefuseAnImageOfAnotherSize() {
    Fingerprint fingerprint = Fingerprint.fit(images(2, TARGET_PATTERN, new Random(SEED)));
    assertThatThrownBy(() -> fingerprint.score(new Image8(1, 8, 8, new byte[64])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32×32");
  }

  private static int[] pattern(long seed) {
    Random random = new Random(seed);
    int[] pattern = new int[SIZE * SIZE];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = random.nextBoolean() ? 3 : -3;
    }
    return pattern;
  }

  private static List<Image8> images(int count, int[] pattern, Random random) {
    List<Image8> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      double a = 60 + 120 * random.nextDouble();
      double b = 2 * random.nextDouble() - 1;
      double c = 2 * random.nextDouble() - 1;
      byte[] pixels = new byte[SIZE * SIZE];
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          long v = Math.round(a + b * x + c * y + pattern[y * SIZE + x]);
          pixels[y * SIZE + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
      out.add(new Image8(1, SIZE, SIZE, pixels));
    }
    return out;
  }

  private static double pearson(float[] f, int[] p) {
    double mf = 0;
    double mp = 0;
    for (int i = 0; i < f.length; i++) {
      mf += f[i];
      mp += p[i];
    }
    mf /= f.length;
    mp /= p.length;
    double dot = 0;
    double nf = 0;
    double np = 0;
    for (int i = 0; i < f.length; i++) {
      dot += (f[i] - mf) * (p[i] - mp);
      nf += (f[i] - mf) * (f[i] - mf);
      np += (p[i] - mp) * (p[i] - mp);
    }
    return dot / Math.sqrt(nf * np);
  }
}
