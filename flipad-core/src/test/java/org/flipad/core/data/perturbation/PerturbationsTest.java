package org.flipad.core.data.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing ids and the standard set. */
class PerturbationsTest {

  @Test
  void shouldListTheStandardSetInReportOrder() {
    assertThat(Perturbations.standardSet())
        .extracting(Perturbation::id)
        .containsExactly("none", "jpeg90", "jpeg80", "blur", "crop", "noise0.05", "noise0.1");
  }

  @Test
  void shouldParseEveryIdBackToAnEqualPerturbation() {
    List<Perturbation> all = new ArrayList<>(Perturbations.standardSet());
    all.add(new CentreCropResize(60.0 / 64));
    all.add(new GaussianBlur(5, 1.5));
    for (Perturbation p : all) {
      assertThat(Perturbations.parseId(p.id())).as(p.id()).isEqualTo(p);
    }
  }

  @Test
  void shouldParseACommaSeparatedListInOrder() {
    assertThat(Perturbations.parse(" JPEG80 , none,noise0.1"))
        .containsExactly(new JpegCompression(80), new NoPerturbation(), new GaussianNoise(0.1));
  }

  @Test
  void shouldNameTheAcceptedIdsWhenAnIdIsUnknown() {
    assertThatThrownBy(() -> Perturbations.parse("none,sharpen"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sharpen'")
        .hasMessageContaining("jpeg<quality 1..100>")
        .hasMessageContaining("noise<σ>");
  }

  @Test
  void shouldExplainWhenAParameterIsOutOfRange() {
    assertThatThrownBy(() -> Perturbations.parse("jpeg0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'jpeg0'")
        .hasMessageContaining("quality is 0");
  }
}
