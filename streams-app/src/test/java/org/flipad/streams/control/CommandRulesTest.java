package org.flipad.streams.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.flipad.schema.CommandType;
import org.flipad.schema.ControlCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommandRulesTest {

  @ParameterizedTest
  @EnumSource(value = CommandType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
  void shouldFindNoProblemWhenCommandIsWellFormed(CommandType type) {
    assertThat(CommandRules.problems(Commands.command(type, "c-1"))).isEmpty();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        malformed(CommandType.ACTIVATE, b -> b.setVersion(null), "ACTIVATE needs version"),
        malformed(CommandType.ACTIVATE, b -> b.setVersion(0), "versions start at 1"),
        malformed(CommandType.ROLLBACK, b -> b.setVersion(-1), "versions start at 1"),
        malformed(CommandType.SET_THRESHOLD, b -> b.setFnr(null), "needs fnr"),
        malformed(CommandType.SET_THRESHOLD, b -> b.setFnr(1.0), "fnr is 1.0"),
        malformed(CommandType.SET_THRESHOLD, b -> b.setFnr(-0.1), "fnr is -0.1"),
        malformed(CommandType.SET_THRESHOLD, b -> b.setFnr(Double.NaN), "fnr is NaN"),
        malformed(
            CommandType.SET_THRESHOLD,
            b -> b.setFnr(null).setScoreThreshold(Double.POSITIVE_INFINITY),
            "finite"),
        malformed(CommandType.RETRAIN, b -> b.setFnr(5.0), "not a percentage"),
        malformed(CommandType.RETRAIN, b -> b.setEpochs(0), "epochs is 0"),
        malformed(CommandType.RETRAIN, b -> b.setTrainingSamples(-3), "trainingSamples is -3"),
        malformed(
            CommandType.RETRAIN,
            b -> b.setFeedbackUntil(Instant.parse("2025-01-01T00:00:00Z")),
            "without feedbackSince"),
        malformed(
            CommandType.RETRAIN,
            b ->
                b.setFeedbackSince(Instant.parse("2025-02-01T00:00:00Z"))
                    .setFeedbackUntil(Instant.parse("2025-01-01T00:00:00Z")),
            "swap them"),
        malformed(CommandType.RETRAIN, b -> b.setNegativesDatasetSha256("ABC"), "64 lowercase hex"),
        malformed(
            CommandType.RETRAIN,
            b -> b.setGeneratorBundleSha256(Commands.sha('b')),
            "without generatorBundleUri"),
        malformed(CommandType.REGISTER, b -> b.setBundleUri(null), "bundleUri is missing"),
        malformed(
            CommandType.REGISTER, b -> b.setBundleSha256(null), "REGISTER needs bundleSha256"),
        malformed(CommandType.ACTIVATE, b -> b.setFnr(0.01), "ACTIVATE does not use fnr=0.01"),
        malformed(CommandType.DISABLE, b -> b.setVersion(2), "DISABLE does not use version=2"),
        malformed(CommandType.ENABLE, b -> b.setCommandId("has space"), "commandId 'has space'"),
        malformed(CommandType.ENABLE, b -> b.setIssuer(" "), "issuer is missing"),
        malformed(CommandType.ENABLE, b -> b.setModelId(""), "modelId is missing"),
        malformed(CommandType.ENABLE, b -> b.setType(CommandType.UNKNOWN), "does not know"));
  }

  private static Arguments malformed(
      CommandType type, UnaryOperator<ControlCommand.Builder> change, String expected) {
    return Arguments.of(type, change, expected);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("malformed")
  void shouldExplainTheProblemWhenCommandIsMalformed(
      CommandType type, UnaryOperator<ControlCommand.Builder> change, String expected) {
    ControlCommand command = change.apply(Commands.builder(type, "c-2")).build();

    assertThat(CommandRules.problems(command))
        .hasValueSatisfying(p -> assertThat(p).contains(expected));
  }

  @Test
  void shouldAcceptScoreThresholdAloneWhenSettingTheThreshold() {
    ControlCommand command =
        Commands.builder(CommandType.SET_THRESHOLD, "c-3")
            .setFnr(null)
            .setScoreThreshold(0.42)
            .build();

    assertThat(CommandRules.problems(command)).isEmpty();
  }

  @Test
  void shouldAcceptRollbackWithoutVersionWhenRollingBackToThePrevious() {
    ControlCommand command = Commands.builder(CommandType.ROLLBACK, "c-4").setVersion(null).build();

    assertThat(CommandRules.problems(command)).isEmpty();
  }
}
