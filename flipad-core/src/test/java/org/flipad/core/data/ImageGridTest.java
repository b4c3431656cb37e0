package org.flipad.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridTest {
  @Test
  void shouldSizeGridWithBorderAroundAndBetweenCells() {
    List<Image8> images = List.of(solid(1, 3, 5, 10), solid(1, 3, 5, 20), solid(1, 3, 5, 30));

    Image8 grid = ImageGrid.of(2, 2).tile(images);

    // 2·(3 + 2) + 2 = 12 rows, 2·(5 + 2) + 2 = 16 columns.
    assertThat(new int[] {grid.channels(), grid.height(), grid.width()}).containsExactly(1, 12, 16);
  }

  @Test
  void shouldPlaceImageIAtRowIDivColsAndColumnIModCols() {
    Image8 noise = TestImages.noise(3, 4, 6, 9);
    List<Image8> images = List.of(solid(3, 4, 6, 1), solid(3, 4, 6, 2), solid(3, 4, 6, 3), noise);

    Image8 grid = ImageGrid.of(2, 3).withBorder(1).withBorderValue(255).tile(images);

    // Image 3 is at row 1, column 0: top = 1 + 1·(4 + 1) = 6, left = 1.
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 6; x++) {
          assertThat(grid.get(c, 6 + y, 1 + x)).isEqualTo(noise.get(c, y, x));
        }
      }
    }
    // Image 2 at row 0, column 2: left = 1 + 2·(6 + 1) = 15.
    assertThat(grid.get(2, 1, 15)).isEqualTo(3);
    assertThat(grid.get(2, 4, 20)).isEqualTo(3);
    assertThat(grid.get(2, 4, 21)).isEqualTo(255);
  }

  @Test
  void shouldFillBorderAndEmptyCellsWithBorderValue() {
    Image8 grid = ImageGrid.of(1, 2).withBorderValue(7).tile(List.of(solid(1, 2, 2, 100)));

    assertThat(grid.get(0, 0, 0)).isEqualTo(7);
    assertThat(grid.get(0, 2, 2)).isEqualTo(100);
    assertThat(grid.get(0, 2, 4)).isEqualTo(7); // border between cells
    assertThat(grid.get(0, 2, 6)).isEqualTo(7); // the empty second cell
  }

  @Test
  void shouldRefuseWhenShapesDifferOrImagesDoNotFit() {
    ImageGrid grid = ImageGrid.of(1, 2);

    assertThatThrownBy(() -> grid.tile(List.of(solid(1, 2, 2, 0), solid(3, 2, 2, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Grid image 1 is Image8[3×2×2]; expected Image8[1×2×2]");
    assertThatThrownBy(
            () -> grid.tile(List.of(solid(1, 2, 2, 0), solid(1, 2, 2, 0), solid(1, 2, 2, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot tile 3 images into 1×2 cells");
  }

  @Test
  void shouldChooseRowsForCountWhenColumnsAreGiven() {
    assertThat(ImageGrid.forCount(17, 8)).isEqualTo(new ImageGrid(3, 8, 2, 0));
  }

  @Test
  void shouldSplitUnitRangeBatchIntoImagesWithPixelScaling() {
    float[] batch = {-1f, 1f, 0f, (float) PixelScaling.toUnit(128), 1f, -1f};

    List<Image8> images = ImageGrid.fromUnitRange(batch, 1, 1, 3);

    assertThat(images).hasSize(2);
    assertThat(images.get(0).pixels()).containsExactly(0, (byte) 255, (byte) 128);
    assertThat(images.get(1).pixels()).containsExactly((byte) 128, (byte) 255, 0);
    assertThat(Image8.fromUnitRange(new float[] {-1f, 1f}, 1, 1, 2).pixels())
        .containsExactly(0, (byte) 255);
    assertThatThrownBy(() -> ImageGrid.fromUnitRange(new float[5], 1, 1, 3))
        .hasMessageContaining("Batch has 5 values; expected N × 1×1×3");
  }

  private static Image8 solid(int channels, int height, int width, int value) {
    byte[] pixels = new byte[channels * height * width];
    java.util.Arrays.fill(pixels, (byte) value);
    return new Image8(channels, height, width, pixels);
  }
}
