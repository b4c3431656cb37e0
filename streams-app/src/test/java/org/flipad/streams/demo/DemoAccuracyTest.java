package org.flipad.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.Decision;
import org.junit.jupiter.api.Test;

/** The demo's scoring, fed with uploads and how they ended, without Kafka. */
class DemoAccuracyTest {

  private static final String WATCHED = "dcgan-seed1@1";

  private final List<DemoUpload> uploads = new ArrayList<>();
  private final Map<String, Terminal> terminals = new HashMap<>();

  @Test
  void shouldCountUndecidedAsWrongWhenScoringTheWatchedGenerator() {
    send(UploadSource.TARGET, "target", Decision.ATTRIBUTED);
    send(UploadSource.TARGET, "target", Decision.UNDECIDED);
    send(UploadSource.TARGET, "target", Decision.NOT_ATTRIBUTED);

    SourceScore target = score().sources().get(0);

    assertThat(target)
        .isEqualTo(new SourceScore(WATCHED + " (watched)", Decision.ATTRIBUTED, 3, 1, 1, 0));
    assertThat(target.wrong()).isEqualTo(1);
    assertThat(target.rate()).isEqualTo(1 / 3.0);
    assertThat(target.rateName()).isEqualTo("TPR");
  }

  @Test
  void shouldNotCountUndecidedAsACorrectRefusalWhenScoringRealPhotos() {
    send(UploadSource.REAL, "fashion-mnist", Decision.NOT_ATTRIBUTED);
    send(UploadSource.REAL, "fashion-mnist", Decision.UNDECIDED);
    send(UploadSource.REAL, "fashion-mnist", Decision.UNDECIDED);

    SourceScore real = score().sources().get(0);

    assertThat(real)
        .isEqualTo(new SourceScore(DemoAccuracy.REAL, Decision.NOT_ATTRIBUTED, 3, 1, 2, 0));
    assertThat(real.rateName()).isEqualTo("TNR");
  }

  @Test
  void shouldCountAnUploadAsWrongWhenItGotNoVerdict() {
    DemoUpload deadLettered = upload(UploadSource.OTHER_GENERATOR, "ebgan-seed1", null);
    terminals.put(
        deadLettered.uploadId(),
        new Terminal(
            deadLettered.uploadId(),
            null,
            DeadLetterReason.CORRUPT_IMAGE,
            "test",
            false,
            0,
            null,
            null,
            null));
    upload(UploadSource.OTHER_GENERATOR, "ebgan-seed1", null); // never ended
    send(UploadSource.OTHER_GENERATOR, "ebgan-seed1", Decision.NOT_ATTRIBUTED);

    assertThat(score().sources())
        .containsExactly(new SourceScore("ebgan-seed1", Decision.NOT_ATTRIBUTED, 3, 1, 0, 2));
  }

  @Test
  void shouldListEveryOtherGeneratorByNameBetweenTheWatchedOneAndRealPhotosWhenScoring() {
    send(UploadSource.REAL, "fashion-mnist", Decision.NOT_ATTRIBUTED);
    send(UploadSource.OTHER_GENERATOR, "wgan-gp-seed1", Decision.ATTRIBUTED);
    send(UploadSource.OTHER_GENERATOR, "ebgan-seed1", Decision.NOT_ATTRIBUTED);
    send(UploadSource.TARGET, "target", Decision.ATTRIBUTED);
    malformed();

    DemoAccuracy accuracy = score();

    assertThat(accuracy.sources())
        .extracting(SourceScore::source)
        .containsExactly(WATCHED + " (watched)", "ebgan-seed1", "wgan-gp-seed1", DemoAccuracy.REAL);
    assertThat(accuracy.overall()).isEqualTo(new SourceScore("all", null, 4, 3, 0, 0));
    assertThat(accuracy.overall().rateName()).isEqualTo("accuracy");
  }

  @Test
  void shouldScoreReuploadsApartWhenTheyRepeatEarlierUploads() {
    DemoUpload target = send(UploadSource.TARGET, "target", Decision.ATTRIBUTED);
    DemoUpload real = send(UploadSource.REAL, "fashion-mnist", Decision.ATTRIBUTED);
    DemoUpload other = send(UploadSource.OTHER_GENERATOR, "lsgan-seed1", Decision.NOT_ATTRIBUTED);
    reupload(target, Decision.ATTRIBUTED, true);
    reupload(real, Decision.ATTRIBUTED, true);
    DemoUpload fresh = reupload(other, Decision.ATTRIBUTED, false);
    upload(UploadSource.REUPLOAD, "not-target of " + other.uploadId(), other.uploadId());

    DemoAccuracy accuracy = score();

    assertThat(accuracy.sources()).extracting(SourceScore::n).containsExactly(1, 1, 1);
    assertThat(accuracy.overall().n()).isEqualTo(3);
    assertThat(accuracy.reuploads().sent()).isEqualTo(4);
    assertThat(accuracy.reuploads().cached()).isEqualTo(2);
    assertThat(accuracy.reuploads().sameDecision()).isEqualTo(2);
    assertThat(accuracy.reuploads().missing()).isEqualTo(1);
    assertThat(accuracy.reuploads().differing())
        .containsExactly(
            fresh.uploadId()
                + ": ATTRIBUTED, its original "
                + other.uploadId()
                + ": NOT_ATTRIBUTED");
  }

  @Test
  void shouldPrintRateAndWilsonBoundsWhen95Of100AreRight() {
    for (int i = 0; i < 100; i++) {
      send(UploadSource.TARGET, "target", i < 95 ? Decision.ATTRIBUTED : Decision.NOT_ATTRIBUTED);
    }

    String printed = print(score(), 0.97);

    // Wilson, z = 1.959964: [0.888250, 0.978456] (BinomialIntervalTest has the digits).
    assertThat(printed)
        .contains(
            "dcgan-seed1@1 (watched)  ATTRIBUTED       100      95     5         0          0")
        .contains("TPR       95.0 % [88.8, 97.8] %");
  }

  @Test
  void shouldNameTheSourcesBelowTheRequiredRateWhenSomeMissIt() {
    for (int i = 0; i < 100; i++) {
      send(UploadSource.TARGET, "target", i < 97 ? Decision.ATTRIBUTED : Decision.UNDECIDED);
    }
    for (int i = 0; i < 4; i++) {
      send(
          UploadSource.REAL, "fashion-mnist", i < 2 ? Decision.NOT_ATTRIBUTED : Decision.UNDECIDED);
    }
    DemoAccuracy accuracy = score();

    assertThat(accuracy.below(0.97)).extracting(SourceScore::source).containsExactly("real photos");
    assertThat(accuracy.below(0.5)).isEmpty();
    assertThat(print(accuracy, 0.97))
        .contains("Every source at ≥ 97.0 % correct: no, 1 of 2 below (real photos TNR 50.0 %)");
    assertThat(print(accuracy, 0.5)).contains("Every source at ≥ 50.0 % correct: yes");
  }

  @Test
  void shouldMeetTheRequiredRateWhenCorrectEqualsItExactly() {
    assertThat(new SourceScore("s", Decision.ATTRIBUTED, 100, 97, 0, 0).meets(0.97)).isTrue();
    assertThat(new SourceScore("s", Decision.ATTRIBUTED, 100, 96, 0, 0).meets(0.97)).isFalse();
    assertThat(new SourceScore("s", Decision.ATTRIBUTED, 30, 29, 1, 0).meets(29 / 30.0)).isTrue();
  }

  @Test
  void shouldPrintTheReuploadLineApartWhenTheReportIsPrinted() {
    DemoUpload real = send(UploadSource.REAL, "fashion-mnist", Decision.NOT_ATTRIBUTED);
    send(UploadSource.TARGET, "target", Decision.UNDECIDED, "TIMEOUT");
    reupload(real, Decision.NOT_ATTRIBUTED, true);
    DemoReport report =
        new DemoReport(WATCHED, 3, Map.copyOf(terminals), 0, 3, 0, uploads, 1, 1, 1.0, 2.0);

    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      report.print(out, 0.05, 0.97);
    }

    assertThat(text.toString())
        .contains("FLIPAD Streams demo: dcgan-seed1@1 watched at FNR 5.0 %")
        .contains("TPR        0.0 % [0.0, 79.3] %")
        .contains("TNR      100.0 % [20.7, 100.0] %")
        .contains(
            "all                                         2       1     0         1          0")
        .contains(
            "Re-uploads (not in the figures above): 1 sent, 1 answered from the decision cache,"
                + " 1 with the same decision as their original.")
        .contains("1 upload(s) timed out");
  }

  private DemoAccuracy score() {
    return DemoAccuracy.of(WATCHED, uploads, terminals);
  }

  private static String print(DemoAccuracy accuracy, double required) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      accuracy.print(out, required);
    }
    return text.toString();
  }

  private DemoUpload upload(UploadSource source, String detail, String originalId) {
    DemoUpload upload =
        new DemoUpload(
            String.format("upload-%06d", uploads.size()),
            source,
            detail,
            null,
            null,
            null,
            null,
            originalId);
    uploads.add(upload);
    return upload;
  }

  private DemoUpload send(UploadSource source, String detail, Decision decision) {
    return send(source, detail, decision, null);
  }

  private DemoUpload send(UploadSource source, String detail, Decision decision, String reason) {
    DemoUpload upload = upload(source, detail, null);
    terminals.put(upload.uploadId(), verdict(upload, decision, reason, false));
    return upload;
  }

  private DemoUpload reupload(DemoUpload original, Decision decision, boolean cached) {
    String truth = original.fromTarget() ? "target" : "not-target";
    DemoUpload upload =
        upload(UploadSource.REUPLOAD, truth + " of " + original.uploadId(), original.uploadId());
    terminals.put(upload.uploadId(), verdict(upload, decision, null, cached));
    return upload;
  }

  private void malformed() {
    DemoUpload upload = upload(UploadSource.MALFORMED, "GIF", null);
    terminals.put(
        upload.uploadId(),
        new Terminal(
            upload.uploadId(),
            null,
            DeadLetterReason.UNSUPPORTED_IMAGE,
            "gif",
            false,
            0,
            null,
            null,
            null));
  }

  private static Terminal verdict(
      DemoUpload upload, Decision decision, String reason, boolean cached) {
    return new Terminal(upload.uploadId(), decision, null, reason, cached, 10, decision, 1, null);
  }
}
