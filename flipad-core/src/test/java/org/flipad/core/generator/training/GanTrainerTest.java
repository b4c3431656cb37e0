package org.flipad.core.generator.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.TrainingImages;
import org.flipad.core.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainerTest {

  private static TrainingImages images;

  @TempDir Path dir;

  @BeforeAll
  static void readSomeFashionMnist() throws IOException {
    images = TrainingImages.of(FashionMnist.testSubset().images().subList(0, 96));
  }

  private static GanTrainer trainer(int epochs, ProgressListener progress) {
    return new GanTrainer(
        new GanTrainingSettings(GanArchitecture.DCGAN, 5, epochs, 16),
        InstantSource.system(),
        progress);
  }

  @Test
  void shouldWriteWeightsACheckpointAndOneGridPerEpochWhenTraining() throws IOException {
    List<String> details = new ArrayList<>();
    GanTrainingResult result = trainer(2, recording(details)).train(images, dir);
    assertThat(result.epochs()).extracting(EpochSummary::epoch).containsExactly(1, 2);
    assertThat(result.epochs())
        .allSatisfy(e -> assertThat(e.adversaryLoss()).isFinite().isPositive());
    assertThat(dir.resolve("samples/epoch-001.png")).isRegularFile();
    assertThat(dir.resolve("samples/epoch-002.png")).isRegularFile();
    assertThat(dir.resolve("checkpoint.bin")).isRegularFile();
    assertThat(result.weights()).isEqualTo(dir.resolve("generator.params")).isRegularFile();
    assertThat(details).anyMatch(d -> d.startsWith("epoch 2/2  D ") && d.endsWith("img/s"));
  }

  @Test
  void shouldEndWithTheSameWeightsWhenResumedAfterAnEpochAsWhenRunStraight() throws IOException {
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    trainer(2, ProgressListener.NONE).train(images, straight);
    trainer(1, ProgressListener.NONE).train(images, resumed);
    GanTrainingResult second = trainer(2, ProgressListener.NONE).train(images, resumed);
    assertThat(second.resumedAfterEpoch()).isEqualTo(1);
    assertThat(second.epochs()).extracting(EpochSummary::epoch).containsExactly(1, 2);
    assertThat(second.epochs()).allSatisfy(e -> assertThat(e.seconds()).isPositive());
    assertThat(second.totalTrainingSeconds())
        .isGreaterThan(second.trainingTime().toMillis() / 1000.0);
    assertThat(Files.readAllBytes(resumed.resolve("generator.params")))
        .isEqualTo(Files.readAllBytes(straight.resolve("generator.params")));
  }

  @Test
  void shouldRefuseACheckpointOfAnotherRecipe() throws IOException {
    trainer(1, ProgressListener.NONE).train(images, dir);
    GanTrainer other =
        new GanTrainer(
            new GanTrainingSettings(GanArchitecture.EBGAN, 5, 2, 16),
            InstantSource.system(),
            ProgressListener.NONE);
    assertThatThrownBy(() -> other.train(images, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("different run")
        .hasMessageContaining("new --out directory");
  }

  @Test
  void shouldSayHowToFixTooFewImagesForOneCriticRound() throws IOException {
    TrainingImages few = TrainingImages.of(FashionMnist.testSubset().images().subList(0, 40));
    GanTrainer wgan =
        new GanTrainer(
            new GanTrainingSettings(GanArchitecture.WGAN_GP, 5, 1, 16),
            InstantSource.system(),
            ProgressListener.NONE);
    assertThatThrownBy(() -> wgan.train(few, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40 training images make no full wgan-gp step of 5 batches of 16")
        .hasMessageContaining("--batch-size");
  }

  private static ProgressListener recording(List<String> details) {
    return new ProgressListener() {
      @Override
      public void start(String task, long total) {}

      @Override
      public void advance(long done, String detail) {
        details.add(detail);
      }

      @Override
      public void finish(String summary) {}
    };
  }
}
