package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.junit.jupiter.api.Test;

class FeedbackFormTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

  private static JsonNode verdict(String decision, String attributed) throws Exception {
    return JSON.readTree(
        "{\"verdictId\":\"v-1\",\"verdict\":\""
            + decision
            + "\",\"attributedModelId\":"
            + (attributed == null ? "null" : "\"" + attributed + "\"")
            + ",\"models\":[{\"modelId\":\"dcgan-seed1\"},{\"modelId\":\"wgan-seed1\"}]}");
  }

  private static Feedback build(JsonNode verdict, String body) throws Exception {
    return FeedbackForm.build("u-1", verdict, JSON.readTree(body), "rita", NOW);
  }

  @Test
  void shouldLabelFromTheStoredVerdict() throws Exception {
    JsonNode attributed = verdict("ATTRIBUTED", "dcgan-seed1");
    JsonNode notAttributed = verdict("NOT_ATTRIBUTED", null);

    Feedback confirm =
        build(attributed, "{\"action\":\"CONFIRM\",\"reason\":\" looks GAN-made \"}");
    Feedback overturn = build(attributed, "{\"action\":\"OVERTURN\",\"reason\":\"real photo\"}");
    Feedback keep = build(notAttributed, "{\"action\":\"CONFIRM\",\"reason\":\"real\"}");
    Feedback flag =
        build(
            notAttributed,
            "{\"action\":\"OVERTURN\",\"reason\":\"missed\",\"modelId\":\"wgan-seed1\"}");

    assertThat(confirm.getLabel()).isEqualTo(FeedbackLabel.GENERATED_BY_MODEL);
    assertThat(confirm.getModelId()).isEqualTo("dcgan-seed1");
    assertThat(confirm.getNote()).isEqualTo("looks GAN-made");
    assertThat(confirm.getVerdictId()).isEqualTo("v-1");
    assertThat(confirm.getReviewer()).isEqualTo("rita");
    assertThat(confirm.getReviewedAt()).isEqualTo(NOW);
    assertThat(overturn.getLabel()).isEqualTo(FeedbackLabel.NOT_GENERATED);
    assertThat(overturn.getModelId()).isNull();
    assertThat(keep.getLabel()).isEqualTo(FeedbackLabel.NOT_GENERATED);
    assertThat(flag.getLabel()).isEqualTo(FeedbackLabel.GENERATED_BY_MODEL);
    assertThat(flag.getModelId()).isEqualTo("wgan-seed1");
  }

  @Test
  void shouldSayWhatIsWrongWithARequest() throws Exception {
    JsonNode notAttributed = verdict("NOT_ATTRIBUTED", null);

    assertThatThrownBy(() -> build(notAttributed, "{\"action\":\"APPROVE\",\"reason\":\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown action 'APPROVE'; send CONFIRM or OVERTURN");
    assertThatThrownBy(() -> build(notAttributed, "{\"action\":\"CONFIRM\",\"reason\":\"  \"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Give a reason of 1 to 1000 characters");
    assertThatThrownBy(
            () -> build(notAttributed, "{\"action\":\"OVERTURN\",\"reason\":\"missed\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the model that generated the image, one of [dcgan-seed1,");
    assertThatThrownBy(
            () -> build(verdict("UNDECIDED", null), "{\"action\":\"CONFIRM\",\"reason\":\"x\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is UNDECIDED");
    assertThatThrownBy(() -> build(null, "{\"action\":\"CONFIRM\",\"reason\":\"x\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dead-lettered");
  }
}
