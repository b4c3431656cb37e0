package org.flipad.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {

  private static MethodScores scores(double[] validation, double[] target, double[] other) {
    return new MethodScores(null, validation, target, Map.of("other", other), 0.001, 0.002);
  }

  @Test
  void shouldRefuseAnImageThatOnlyOneMethodFindsFarFromTheTarget() {
    double[] validation = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // Method A sees nothing unusual in the other image; method B scores it far out.
    MethodScores a = scores(validation, new double[] {5}, new double[] {5});
    MethodScores b = scores(validation, new double[] {5}, new double[] {100});
    MethodScores fused = ScoreFusion.fuse(List.of(a, b), null);
    double[] scale = ScoreFusion.scale(validation);
    assertThat(scale).containsExactly(5.0, 4.5);
    assertThat(fused.sources().get("other")[0]).isEqualTo((100 - 5) / 4.5);
    assertThat(fused.target()[0]).isEqualTo(0.0);
    assertThat(fused.featureSecondsPerImage()).isEqualTo(0.002);
  }

  @Test
  void shouldNotRefuseWhenNoMethodFindsTheImageUnusual() {
    double[] validation = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    MethodScores a = scores(validation, new double[] {5}, new double[] {6});
    MethodScores b = scores(validation, new double[] {5}, new double[] {4});
    MethodScores fused = ScoreFusion.fuse(List.of(a, b), null);
    // Both z-scores are below the fused validation's own spread; the fused score stays small.
    assertThat(fused.sources().get("other")[0]).isEqualTo(1 / 4.5);
  }
}
