package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPassVerdictsByDecisionAndModel() throws Exception {
    JsonNode verdict =
        JSON.readTree(
            "{\"verdict\":\"ATTRIBUTED\",\"tenant\":\"shop\","
                + "\"models\":[{\"modelId\":\"a\"},{\"modelId\":\"b\"}]}");

    assertThat(FeedFilter.of(Map.of()).test(verdict)).isTrue();
    assertThat(FeedFilter.of(Map.of("decision", "", "model", " ")).test(verdict)).isTrue();
    assertThat(FeedFilter.of(Map.of("decision", "ATTRIBUTED")).test(verdict)).isTrue();
    assertThat(FeedFilter.of(Map.of("decision", "UNDECIDED")).test(verdict)).isFalse();
    assertThat(FeedFilter.of(Map.of("model", "b")).test(verdict)).isTrue();
    assertThat(FeedFilter.of(Map.of("model", "c")).test(verdict)).isFalse();
    assertThat(FeedFilter.of(Map.of("decision", "ATTRIBUTED", "model", "c")).test(verdict))
        .isFalse();
    assertThat(FeedFilter.of(Map.of("tenant", "shop")).test(verdict)).isTrue();
    assertThat(FeedFilter.of(Map.of("tenant", "forum")).test(verdict)).isFalse();
  }

  @Test
  void shouldPassOnlyVerdictsDecidedWithinTheLastMinutesGiven() throws Exception {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    JsonNode recent = JSON.readTree("{\"decidedAt\":\"2026-12-02T11:56:00Z\"}");
    JsonNode older = JSON.readTree("{\"decidedAt\":\"2026-12-02T11:40:00Z\"}");
    JsonNode undated = JSON.readTree("{}");

    FeedFilter lastFive = FeedFilter.of(Map.of("minutes", "5"), now);
    assertThat(lastFive.test(recent)).isTrue();
    assertThat(lastFive.test(older)).isFalse();
    assertThat(lastFive.test(undated)).isFalse();
    assertThat(FeedFilter.of(Map.of("minutes", "60"), now).test(older)).isTrue();
    assertThat(FeedFilter.of(Map.of("minutes", ""), now).test(undated)).isTrue();
    for (String bad : new String[] {"0", "-5", "1.5", "soon", "10081"}) {
      assertThatThrownBy(() -> FeedFilter.of(Map.of("minutes", bad), now))
          .hasMessageContaining("minutes is '" + bad + "'");
    }
  }

  @Test
  void shouldRefuseAnUnknownDecision() {
    assertThatThrownBy(() -> FeedFilter.of(Map.of("decision", "flagged")))
        .hasMessage(
            "Unknown decision 'flagged'; filter by ATTRIBUTED, NOT_ATTRIBUTED or UNDECIDED, or"
                + " leave it out");
  }
}
