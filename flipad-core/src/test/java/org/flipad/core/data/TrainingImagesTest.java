package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingImagesTest {
  private static final long SEED = 20240607L;

  /** Image i holds i in its first pixel and 255 − i in its second, so it can be identified. */
  private static final TrainingImages DATA =
      TrainingImages.of(
          IntStream.range(0, 100)
              .mapToObj(i -> new Image8(1, 1, 2, new byte[] {(byte) i, (byte) (255 - i)}))
              .toList());

  @Test
  void shouldGiveSameBatchesWhenSeedAndEpochAreEqual() {
    float[][] once = batches(DATA.epoch(SEED, 3, 16)).toArray(float[][]::new);
    float[][] again = batches(DATA.epoch(SEED, 3, 16)).toArray(float[][]::new);

    assertThat(once).as("seed %d", SEED).hasNumberOfRows(6).isDeepEqualTo(again);
  }

  @Test
  void shouldShuffleDifferentlyWhenEpochOrSeedDiffers() {
    int[] first = DATA.permutation(SEED, 0);

    assertThat(DATA.permutation(SEED, 1)).as("seed %d", SEED).isNotEqualTo(first);
    assertThat(DATA.permutation(SEED + 1, 0)).as("seed %d", SEED + 1).isNotEqualTo(first);
  }

  @Test
  void shouldVisitEveryImageOnceWhenEpochIsPermutation() {
    assertThat(DATA.permutation(SEED, 5))
        .as("seed %d", SEED)
        .containsExactlyInAnyOrder(IntStream.range(0, 100).toArray());
  }

  @Test
  void shouldDropIncompleteBatchAndNeverRepeatAnImageWithinEpoch() {
    TrainingImages.Epoch epoch = DATA.epoch(SEED, 0, 32);
    List<float[]> batches = batches(epoch);

    assertThat(epoch.batchCount()).isEqualTo(3).isEqualTo(DATA.batchesPerEpoch(32));
    assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(32 * 2));
    Set<Integer> seen = new HashSet<>();
    for (float[] batch : batches) {
      for (int b = 0; b < 32; b++) {
        int image = (int) Math.round((batch[2 * b] + 1.0) * 127.5);
        assertThat(seen.add(image)).as("image %d repeated, seed %d", image, SEED).isTrue();
        assertThat(batch[2 * b + 1]).isEqualTo((float) PixelScaling.toUnit(255 - image));
      }
    }
    assertThat(seen).hasSize(96);
  }

  @Test
  void shouldFollowPermutationWhenBatching() {
    int[] order = DATA.permutation(SEED, 2);
    float[] batch = DATA.epoch(SEED, 2, 10).next();

    assertThat(batch[0]).isEqualTo((float) PixelScaling.toUnit(order[0]));
    assertThat(batch[18]).isEqualTo((float) PixelScaling.toUnit(order[9]));
  }

  @Test
  void shouldKeepValuesInUnitRangeWhenScaled() {
    for (float[] batch : batches(DATA.epoch(SEED, 0, 50))) {
      for (float v : batch) {
        assertThat(v).isBetween(-1f, 1f);
      }
    }
  }

  @Test
  void shouldHoldSubsetAsBytesWhenBuiltFromFashionMnist() throws Exception {
    TrainingImages subset = TrainingImages.of(FashionMnist.testSubset().images());

    assertThat(new int[] {subset.size(), subset.channels(), subset.height(), subset.width()})
        .containsExactly(2000, 1, 28, 28);
    assertThat(subset.epoch(SEED, 0, 64).next()).hasSize(64 * 784);
  }

  @Test
  void shouldRefuseWhenShapesDifferOrBatchIsTooLarge() {
    Image8 a = new Image8(1, 2, 2, new byte[4]);
    Image8 b = new Image8(1, 2, 3, new byte[6]);

    assertThatThrownBy(() -> TrainingImages.of(List.of(a, b)))
        .hasMessageContaining("Training image 1 is Image8[1×2×3]; expected Image8[1×2×2]");
    assertThatThrownBy(() -> TrainingImages.of(List.of()))
        .hasMessageContaining("expected at least one");
    assertThatThrownBy(() -> DATA.batchesPerEpoch(101))
        .hasMessageContaining("Batch size 101 does not fit 100 training images");
  }

  private static List<float[]> batches(TrainingImages.Epoch epoch) {
    List<float[]> all = new ArrayList<>();
    epoch.forEachRemaining(all::add);
    return all;
  }
}
