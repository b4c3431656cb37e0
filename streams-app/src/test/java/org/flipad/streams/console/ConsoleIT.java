package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flipad.core.bundle.GeneratorBundles;
import org.flipad.core.data.FashionMnist;
import org.flipad.core.data.Image8;
import org.flipad.core.generator.GeneratorImageSource;
import org.flipad.core.generator.GeneratorModel;
import org.flipad.schema.Alert;
import org.flipad.schema.AlertKind;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.Feedback;
import org.flipad.schema.FeedbackLabel;
import org.flipad.schema.FnrThreshold;
import org.flipad.schema.ModelState;
import org.flipad.schema.ModelVersion;
import org.flipad.schema.TrainingState;
import org.flipad.schema.TrainingStatus;
import org.flipad.schema.ValidationMetrics;
import org.flipad.streams.InJvmStack;
import org.flipad.streams.api.ApiContent;
import org.flipad.streams.api.ApiHttpServer;
import org.flipad.streams.api.ApiListener;
import org.flipad.streams.api.ApiSettings;
import org.flipad.streams.api.ModelsView;
import org.flipad.streams.control.ModelVersions;
import org.flipad.streams.demo.DemoUpload;
import org.flipad.streams.demo.DemoUploads;
import org.flipad.streams.lookup.StoreLookup;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.runtime.ScreeningService;
import org.flipad.streams.serde.AvroSerdeSettings;
import org.flipad.streams.serde.ControlSerdes;
import org.flipad.streams.serde.ServiceSerdes;
import org.flipad.streams.stats.VerdictStats;
import org.flipad.streams.topic.TopicCreator;
import org.flipad.streams.topic.TopicTail;
import org.flipad.streams.topic.Topics;
import org.flipad.streams.topology.FloodSettings;
import org.flipad.streams.topology.ScreeningListener;
import org.flipad.streams.topology.ScreeningSettings;
import org.flipad.streams.worker.DetectorLoader;
import org.flipad.streams.worker.InversionWorker;
import org.flipad.streams.worker.LoadedModel;
import org.flipad.streams.worker.WorkerListener;
import org.flipad.streams.worker.WorkerModels;
import org.flipad.streams.worker.WorkerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review console in a real browser (Debian's chromium through chromedriver) on the in-JVM
 * cluster with the real detector: a reviewer logs in, watches uploads arrive in the live feed,
 * filters it, opens a flagged upload and overturns it; the Feedback record is then read back from
 * the feedback topic. Beside the browser, plain HTTP checks that images need a session and that a
 * POST without the session's CSRF token, or from a viewer, is refused. Screenshots go to {@code
 * target/console-screenshots/}.
 *
 * <p>Skipped when chromium or chromedriver is missing, unless {@code FLIPAD_REQUIRE_BROWSER} is set
 * (CI sets it, so a missing browser fails there).
 */
@Timeout(300)
class ConsoleIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path DETECTOR = Path.of("../models/detectors/dcgan-seed1.flipad-detector");
  private static final Path ZOO = Path.of("../models/zoo");
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
  private static final String REVIEWER = "rita";
  private static final String REVIEWER_PASSWORD = "rita-reviews-uploads";
  private static final String VIEWER = "victor";
  private static final String VIEWER_PASSWORD = "victor-only-watches";
  private static final String REASON = "A photo of a real sneaker, not a generated one";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FLOOD_MIN_COUNT = 3;
  private static final String FLOOD_TENANT = "bursting-platform";
  private static final String TRAINING_COMMAND = "console-it-retrain";
  private static final String OLDER_UPLOAD = "decided-three-hours-ago";

  private static InJvmStack stack;

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @BeforeAll
  static void requireBrowserThenStartCluster() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String required = System.getenv("FLIPAD_REQUIRE_BROWSER");
    if (!present && (required == null || required.isBlank())) {
      Assumptions.abort(
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing; install Debian's chromium and chromium-driver (.ci/run does) to run"
              + " the console's browser test");
    }
    assertThat(present)
        .as("FLIPAD_REQUIRE_BROWSER is set, so %s and %s must exist", CHROMIUM, CHROMEDRIVER)
        .isTrue();
    stack = InJvmStack.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldLetAReviewerWatchTheFeedAndOverturnAFlaggedUpload() throws Exception {
    Topics topics = Topics.defaults().withPrefix("console.");
    ServiceSerdes serdes =
        ServiceSerdes.create(stack.registryClient(), AvroSerdeSettings.defaults());
    serdes.registerAll(stack.registryClient(), topics);
    ControlSerdes control =
        ControlSerdes.create(stack.registryClient(), AvroSerdeSettings.defaults());
    control.registerAll(stack.registryClient(), topics);
    try (Admin admin = Admin.create(stack.client())) {
      TopicCreator.createMissing(admin, topics.specs(2));
    }
    LoadedModel model = DetectorLoader.load(DETECTOR, null, 1, 0.05);
    ModelCatalog catalog = ModelCatalog.of(List.of(model.model()));
    ScreeningService service =
        new ScreeningService(
            stack.client(),
            "console-screening",
            work.resolve("state"),
            topics,
            serdes,
            catalog,
            ScreeningSettings.defaults()
                .withDeadline(Duration.ofSeconds(120))
                .withFlood(new FloodSettings(Duration.ofSeconds(10), 2, 2.0, FLOOD_MIN_COUNT)),
            ScreeningListener.NONE,
            Duration.ofDays(1));
    String apiToken = "console-it-api-token";
    VerdictStats stats = new VerdictStats(InstantSource.system());
    TopicTail statsTail = stats.follow(stack.client(), topics.verdicts(), serdes.verdicts());
    ApiHttpServer api =
        ApiHttpServer.start(
            new ApiSettings("127.0.0.1", 0, List.of(HexFormat.of().formatHex(sha256(apiToken))), 4),
            new ApiContent(
                StoreLookup.of(service.streams(), stack.client()),
                new ModelsView(catalog, new ModelVersions()),
                stats::toJson,
                Duration.ofDays(1)),
            ApiListener.NONE);
    ModelVersions versions = new ModelVersions();
    versions.apply(activeVersion(model.model().modelId()));
    ConsoleSettings settings =
        ConsoleSettings.of(
            List.of(
                new ConsoleUser(REVIEWER, Role.REVIEWER, PasswordHash.of(REVIEWER_PASSWORD)),
                new ConsoleUser(VIEWER, Role.VIEWER, PasswordHash.of(VIEWER_PASSWORD))));
    ConsoleSources sources =
        new ConsoleSources(
            StoreLookup.of(service.streams(), stack.client()),
            new ModelsView(catalog, versions),
            stack.client(),
            topics,
            serdes,
            control,
            stats::toJson);
    ReviewConsole console = ReviewConsole.start(settings, sources, api);
    service.start();
    InversionWorker worker =
        new InversionWorker(
            stack.client(),
            topics,
            serdes,
            WorkerSettings.defaults("console-worker"),
            WorkerModels.of(List.of(model)),
            WorkerListener.NONE);
    Thread workerThread = new Thread(worker, "console-worker");
    workerThread.setDaemon(true);
    workerThread.start();
    WebDriver browser = browser();
    try {
      await().atMost(Duration.ofSeconds(60)).until(service::running);
      URI base = console.uri();

      assertPagesAreGuarded(base);
      logIn(browser, base);
      assertThat(browser.getCurrentUrl()).isEqualTo(base.toString());
      assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("rita (reviewer)");
      assertThat(browser.findElements(By.cssSelector("#feed-body tr"))).isEmpty();

      List<DemoUpload> uploads = send(topics, serdes);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(180));
      wait.until(b -> b.findElements(By.cssSelector("#feed-body tr")).size() == uploads.size());
      assertThat(browser.findElement(By.id("feed-status")).getText()).startsWith("live");
      wait.until(b -> thumbnailsLoaded(b) == uploads.size());
      screenshot(browser, "feed.png");

      // Filter by decision: only flagged rows stay, and they are exactly the ATTRIBUTED ones.
      long flagged =
          browser.findElements(By.cssSelector("#feed-body tr")).stream()
              .filter(row -> "ATTRIBUTED".equals(row.getAttribute("data-decision")))
              .count();
      assertThat(flagged).as("samples of the watched generator are flagged").isPositive();
      new Select(browser.findElement(By.id("decision-filter"))).selectByValue("ATTRIBUTED");
      wait.until(b -> b.findElements(By.cssSelector("#feed-body tr")).size() == flagged);
      assertThat(browser.findElements(By.cssSelector("#feed-body tr")))
          .allSatisfy(row -> assertThat(row.getAttribute("data-decision")).isEqualTo("ATTRIBUTED"));
      assertThat(browser.getCurrentUrl()).endsWith("?decision=ATTRIBUTED");
      // And by tenant: another one has none of these uploads, theirs has them all.
      WebElement tenant = browser.findElement(By.id("tenant-filter"));
      tenant.sendKeys("another-platform", Keys.TAB);
      wait.until(b -> b.getCurrentUrl().endsWith("tenant=another-platform"));
      wait.until(b -> b.findElement(By.id("feed-status")).getText().equals("live"));
      Thread.sleep(1_000);
      assertThat(browser.findElements(By.cssSelector("#feed-body tr"))).isEmpty();
      tenant.clear();
      tenant.sendKeys("demo-platform", Keys.TAB);
      wait.until(b -> b.findElements(By.cssSelector("#feed-body tr")).size() == flagged);
      assertThat(browser.getCurrentUrl()).endsWith("?decision=ATTRIBUTED&tenant=demo-platform");

      WebElement row = browser.findElement(By.cssSelector("#feed-body tr"));
      String uploadId = row.getAttribute("data-upload-id");
      row.findElement(By.tagName("a")).click();
      wait.until(b -> b.findElement(By.id("upload")).isDisplayed());
      assertThat(browser.findElement(By.id("upload-id")).getText()).isEqualTo(uploadId);
      assertThat(browser.findElement(By.id("decision")).getText()).isEqualTo("ATTRIBUTED");
      List<WebElement> cells =
          browser.findElements(By.cssSelector("#models-table tbody tr:first-child td"));
      assertThat(cells.get(0).getText()).isEqualTo("dcgan-seed1");
      assertThat(cells.get(2).getText()).isEqualTo("ATTRIBUTED");
      assertThat(cells.get(5).getText()).isEqualTo("5.0 %");
      wait.until(b -> imageLoaded(b.findElement(By.id("upload-image"))));
      assertThat(browser.findElement(By.id("feedback-none")).isDisplayed()).isTrue();

      browser.findElement(By.id("action-overturn")).click();
      browser.findElement(By.id("reason")).sendKeys(REASON);
      browser.findElement(By.id("submit-review")).click();
      wait.until(b -> b.findElement(By.id("review-result")).isDisplayed());
      assertThat(browser.findElement(By.id("review-result")).getText())
          .isEqualTo("Recorded: overturn as NOT_GENERATED by rita.");

      Feedback feedback = readFeedback(topics, control, uploadId);
      JsonNode looked = lookUp(api, apiToken, uploadId);
      assertThat(feedback.getUploadId()).isEqualTo(uploadId);
      assertThat(feedback.getLabel()).isEqualTo(FeedbackLabel.NOT_GENERATED);
      assertThat(feedback.getModelId()).isNull();
      assertThat(feedback.getReviewer()).isEqualTo(REVIEWER);
      assertThat(feedback.getNote()).isEqualTo(REASON);
      assertThat(feedback.getVerdictId())
          .isEqualTo(looked.get("verdict").get("verdictId").asText());
      assertThat(feedback.getReviewedAt())
          .isBetween(Instant.now().minusSeconds(120), Instant.now());

      // The page lists the review at once, and still lists it (once) after a reload: the console
      // filed it when Kafka acknowledged it and files the same record read back from the topic
      // once.
      wait.until(b -> b.findElements(By.cssSelector("#feedback-list li")).size() == 1);
      browser.navigate().refresh();
      wait.until(b -> b.findElement(By.id("feedback-section")).isDisplayed());
      assertThat(browser.findElements(By.cssSelector("#feedback-list li"))).hasSize(1);
      assertThat(browser.findElement(By.cssSelector("#feedback-list li")).getText())
          .startsWith("NOT_GENERATED by rita")
          .endsWith(REASON);
      // The whole page, review included, in one picture.
      browser.manage().window().setSize(new Dimension(1280, 1300));
      ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
      screenshot(browser, "upload.png");

      assertGalleryQueuesTheFlaggedUploads(browser, base, flagged, uploadId);
      assertStats(browser, api, apiToken, uploads.size(), flagged);
      assertFloodAlertShows(browser, base, topics, serdes);
      assertModelsPageListsTheActiveVersion(browser, base, topics, control);
      assertTheTimeFilterLeavesOutOlderVerdicts(browser, base, topics, serdes, uploads.size());

      String sha256 = looked.get("verdict").get("imageSha256").asText();
      String cookie = browser.manage().getCookieNamed(ConsoleHandler.COOKIE).getValue();
      assertImagesNeedASession(base, sha256, cookie);
      assertStateChangesNeedTheCsrfTokenAndTheReviewerRole(base, uploadId, cookie);

      browser.findElement(By.id("logout")).click();
      wait.until(b -> b.getCurrentUrl().endsWith("/console/login"));
      assertThat(get(base.resolve("api/image?sha256=" + sha256), cookie).statusCode())
          .as("the session ends with log-out")
          .isEqualTo(401);

      assertASecondConsoleReadsTheReviewBack(browser, settings, sources, api, uploadId);
    } finally {
      browser.quit();
      worker.close();
      console.close();
      api.close();
      statsTail.close();
      service.close();
      model.detector().close();
    }
  }

  /** The API's statistics count every verdict, and the console's charts page shows them. */
  private void assertStats(
      WebDriver browser, ApiHttpServer api, String token, int verdicts, long flagged)
      throws Exception {
    URI uri = URI.create(api.uri() + "/api/v1/stats");
    HttpResponse<String> anonymous =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    JsonNode hour =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  HttpResponse<String> response =
                      http.send(
                          HttpRequest.newBuilder(uri)
                              .header("Authorization", "Bearer " + token)
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  return JSON.readTree(response.body()).get("windows").get(3);
                },
                window -> window.get("verdicts").asInt() == verdicts);
    assertThat(hour.get("window").asText()).isEqualTo("1h");
    assertThat(hour.get("decisions").get("ATTRIBUTED").asLong()).isEqualTo(flagged);
    JsonNode model = hour.get("models").get(0);
    assertThat(model.get("modelId").asText()).isEqualTo("dcgan-seed1");
    assertThat(model.get("attributionRate").asDouble()).isEqualTo((double) flagged / verdicts);
    assertThat(hour.get("latencyMs").get("p99").asLong())
        .isGreaterThanOrEqualTo(hour.get("latencyMs").get("p50").asLong())
        .isPositive();

    browser.findElement(By.linkText("Charts")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> !b.findElements(By.cssSelector("#windows tr[data-window='1h']")).isEmpty());
    List<WebElement> cells =
        browser.findElements(By.cssSelector("#windows tr[data-window='1h'] td"));
    assertThat(cells.get(1).getText()).isEqualTo(String.valueOf(verdicts));
    assertThat(cells.get(3).getText()).isEqualTo(String.valueOf(flagged));
    assertThat(cells.get(8).getText()).startsWith("dcgan-seed1 ");
    for (String chart : List.of("chart-rate", "chart-attribution", "chart-latency")) {
      assertThat(browser.findElements(By.cssSelector("#" + chart + " circle.dot")))
          .as(chart + ": a dot for each minute with verdicts")
          .isNotEmpty();
    }
    browser.manage().window().setSize(new Dimension(1280, 900));
    screenshot(browser, "stats.png");
    browser.navigate().back();
  }

  /**
   * The gallery shows every flagged upload of the watched model, the overturned one with its
   * review; ticking "not reviewed yet" leaves out exactly that one.
   */
  private void assertGalleryQueuesTheFlaggedUploads(
      WebDriver browser, URI base, long flagged, String reviewedId) {
    browser.get(base.resolve("gallery?model=dcgan-seed1").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(b -> b.findElements(By.cssSelector("#gallery-grid .card")).size() == flagged);
    WebElement reviewed =
        browser.findElement(
            By.cssSelector("#gallery-grid .card[data-upload-id='" + reviewedId + "']"));
    assertThat(reviewed.getText()).contains("1 review");
    assertThat(browser.findElements(By.cssSelector("#gallery-grid .card")))
        .filteredOn(card -> !card.getAttribute("data-upload-id").equals(reviewedId))
        .allSatisfy(card -> assertThat(card.getText()).contains("not reviewed"));
    wait.until(b -> galleryImagesLoaded(b) == flagged);
    screenshot(browser, "gallery.png");

    browser.findElement(By.id("gallery-unreviewed")).click();
    wait.until(b -> b.findElements(By.cssSelector("#gallery-grid .card")).size() == flagged - 1);
    assertThat(browser.findElements(By.cssSelector("#gallery-grid .card")))
        .extracting(card -> card.getAttribute("data-upload-id"))
        .doesNotContain(reviewedId);
    assertThat(browser.getCurrentUrl()).endsWith("?model=dcgan-seed1&unreviewed=true");
  }

  private static long galleryImagesLoaded(WebDriver browser) {
    return browser.findElements(By.cssSelector("#gallery-grid img")).stream()
        .filter(ConsoleIT::imageLoaded)
        .count();
  }

  private void assertPagesAreGuarded(URI base) throws Exception {
    HttpResponse<String> feed = get(base, null);
    assertThat(feed.statusCode()).isEqualTo(303);
    assertThat(feed.headers().firstValue("Location")).hasValue("/console/login");
    HttpResponse<String> login = get(base.resolve("login"), null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    for (String page : List.of("alerts", "models", "gallery")) {
      HttpResponse<String> guarded = get(base.resolve(page), null);
      assertThat(guarded.statusCode()).as(page).isEqualTo(303);
      assertThat(guarded.headers().firstValue("Location")).hasValue("/console/login");
    }
    for (String data : List.of("api/alerts", "api/training", "api/gallery?model=dcgan-seed1")) {
      HttpResponse<String> refused = get(base.resolve(data), null);
      assertThat(refused.statusCode()).as(data).isEqualTo(401);
      assertThat(error(refused)).isEqualTo("LOGIN_REQUIRED");
    }
  }

  /**
   * A burst of attribution alerts from one tenant, written where the screening topology writes
   * them, makes its flood alarm raise a FLOOD alert; the alerts page lists it and the live feed
   * shows its banner.
   */
  private void assertFloodAlertShows(
      WebDriver browser, URI base, Topics topics, ServiceSerdes serdes) throws Exception {
    Instant at = Instant.now();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < FLOOD_MIN_COUNT + 1; i++) {
        String uploadId = "burst-" + i;
        Alert attribution =
            Alert.newBuilder()
                .setAlertId("alert-" + uploadId)
                .setUploadId(uploadId)
                .setTenant(FLOOD_TENANT)
                .setImageSha256("0".repeat(64))
                .setModelId("dcgan-seed1")
                .setModelVersion(1)
                .setScore(0.1)
                .setPValue(0.5)
                .setFnr(0.05)
                .setThreshold(0.7)
                .setVerdictId("verdict-" + uploadId)
                .setRaisedAt(at)
                .setKind(AlertKind.ATTRIBUTION)
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    topics.alerts(),
                    uploadId,
                    serdes.alerts().serialize(topics.alerts(), attribution)))
            .get();
      }
    }
    browser.get(base.resolve("alerts").toString());
    By burst = By.cssSelector("#alerts-body tr[data-tenant='" + FLOOD_TENANT + "']");
    reloadUntilShown(browser, burst, Duration.ofSeconds(90));
    List<WebElement> cells = browser.findElement(burst).findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo("dcgan-seed1@1");
    assertThat(Long.parseLong(cells.get(4).getText())).isGreaterThanOrEqualTo(FLOOD_MIN_COUNT);
    assertThat(cells.get(5).getText()).isEqualTo("0.00 × 2.0 (over 2 windows)");
    assertThat(cells.get(6).getText()).isEqualTo(String.valueOf(FLOOD_MIN_COUNT));
    assertThat(Instant.parse(cells.get(7).getText())).isBetween(at.minusSeconds(1), Instant.now());
    assertThat(browser.findElement(By.id("alerts-status")).getText()).contains("in the last hour");
    screenshot(browser, "alerts.png");

    browser.findElement(By.linkText("Live feed")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.until(b -> b.findElement(By.id("flood-banner")).isDisplayed());
    assertThat(browser.findElement(By.id("flood-banner")).getText())
        .startsWith("FLOOD alert in the last hour: dcgan-seed1 from ");
  }

  /** The read-only models page lists the active version and the latest status of a job. */
  private void assertModelsPageListsTheActiveVersion(
      WebDriver browser, URI base, Topics topics, ControlSerdes control) throws Exception {
    TrainingStatus running =
        TrainingStatus.newBuilder()
            .setCommandId(TRAINING_COMMAND)
            .setModelId("dcgan-seed1")
            .setState(TrainingState.RUNNING)
            .setPercent(40.0)
            .setMetrics(Map.of())
            .setUpdatedAt(Instant.now())
            .build();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  topics.trainingStatus(),
                  TRAINING_COMMAND,
                  control.status().serialize(topics.trainingStatus(), running)))
          .get();
    }
    browser.findElement(By.linkText("Models")).click();
    By job = By.cssSelector("#jobs-body tr[data-command-id='" + TRAINING_COMMAND + "']");
    reloadUntilShown(browser, job, Duration.ofSeconds(90));
    WebElement active =
        browser.findElement(By.cssSelector("#versions-body tr[data-state='ACTIVE']"));
    List<WebElement> cells = active.findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo("dcgan-seed1");
    assertThat(cells.get(1).getText()).isEqualTo("1");
    assertThat(cells.get(2).getText()).isEqualTo("ACTIVE");
    assertThat(cells.get(3).getText()).isEqualTo("5.0 %");
    assertThat(cells.get(4).getText()).isEqualTo("0.7000");
    assertThat(cells.get(5).getText()).isEqualTo("0.9500");
    assertThat(cells.get(6).getText()).isEqualTo("console-it-activate");
    List<WebElement> jobCells = browser.findElement(job).findElements(By.tagName("td"));
    assertThat(jobCells.get(2).getText()).isEqualTo("RUNNING");
    assertThat(jobCells.get(3).getText()).isEqualTo("40 %");
  }

  /**
   * The feed's "decided in the last" filter goes by each verdict's {@code decidedAt}: a verdict
   * decided three hours ago is listed for "any time" and "24 hours", and left out for "hour".
   */
  private void assertTheTimeFilterLeavesOutOlderVerdicts(
      WebDriver browser, URI base, Topics topics, ServiceSerdes serdes, int recent)
      throws Exception {
    AttributionVerdict first =
        serdes.verdicts().deserialize(topics.verdicts(), firstValue(topics.verdicts()));
    AttributionVerdict older =
        AttributionVerdict.newBuilder(first)
            .setUploadId(OLDER_UPLOAD)
            .setVerdictId("verdict-" + OLDER_UPLOAD)
            .setDecidedAt(Instant.now().minus(Duration.ofHours(3)))
            .build();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  topics.verdicts(),
                  OLDER_UPLOAD,
                  serdes.verdicts().serialize(topics.verdicts(), older)))
          .get();
    }
    By rows = By.cssSelector("#feed-body tr");
    By olderRow = By.cssSelector("#feed-body tr[data-upload-id='" + OLDER_UPLOAD + "']");
    browser.get(base.toString());
    reloadUntilShown(browser, olderRow, Duration.ofSeconds(60));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElements(rows).size() == recent + 1);

    Select minutes = new Select(browser.findElement(By.id("minutes-filter")));
    minutes.selectByValue("60");
    wait.until(b -> b.getCurrentUrl().endsWith("?minutes=60"));
    wait.until(b -> b.findElements(rows).size() == recent);
    assertThat(browser.findElements(olderRow)).as("decided 3 h ago, outside the hour").isEmpty();

    minutes.selectByValue("1440");
    wait.until(b -> b.getCurrentUrl().endsWith("?minutes=1440"));
    wait.until(b -> b.findElements(rows).size() == recent + 1);
    assertThat(browser.findElements(olderRow)).as("decided 3 h ago, inside 24 h").hasSize(1);
  }

  /**
   * A second console, started after the review with nothing but the topics to go by, lists the
   * review on the upload's page: reviews live in {@code flipad.feedback}, not in one console's
   * memory.
   */
  private void assertASecondConsoleReadsTheReviewBack(
      WebDriver browser,
      ConsoleSettings settings,
      ConsoleSources sources,
      ApiHttpServer api,
      String uploadId) {
    try (ReviewConsole second = ReviewConsole.start(settings, sources, api)) {
      URI base = second.uri();
      browser.get(base.toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(b -> b.getCurrentUrl().endsWith("/console/login"));
      browser.findElement(By.id("user")).sendKeys(VIEWER);
      browser.findElement(By.id("password")).sendKeys(VIEWER_PASSWORD);
      browser.findElement(By.id("login-button")).click();
      wait.until(b -> b.findElement(By.id("who")).getText().contains(VIEWER));
      browser.get(base.resolve("upload?id=" + uploadId).toString());
      wait.until(b -> b.findElements(By.cssSelector("#feedback-list li")).size() == 1);
      assertThat(browser.findElement(By.cssSelector("#feedback-list li")).getText())
          .startsWith("NOT_GENERATED by rita")
          .endsWith(REASON);
    }
  }

  /** The value of a record of {@code topic}: the first one a consumer from the beginning polls. */
  private static byte[] firstValue(String topic) {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<byte[]> values = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
              });
      return values.get(0);
    }
  }

  /**
   * Reloads the page until {@code element} is on it (the page shows what it read on loading). Each
   * load gets a few seconds to finish before the next reload, so a slow page is not cut short.
   */
  private static void reloadUntilShown(WebDriver browser, By element, Duration atMost) {
    Instant deadline = Instant.now().plus(atMost);
    while (true) {
      try {
        new WebDriverWait(browser, Duration.ofSeconds(5))
            .until(b -> !b.findElements(element).isEmpty());
        return;
      } catch (TimeoutException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        browser.navigate().refresh();
      }
    }
  }

  private static ModelVersion activeVersion(String modelId) {
    Instant at = Instant.now();
    return ModelVersion.newBuilder()
        .setModelId(modelId)
        .setVersion(1)
        .setState(ModelState.ACTIVE)
        .setBundleSha256("f".repeat(64))
        .setBundleLocation("file:///store/" + "f".repeat(64) + ".flipad-detector")
        .setThresholds(
            List.of(
                FnrThreshold.newBuilder().setFnr(0.005).setThreshold(0.9).build(),
                FnrThreshold.newBuilder().setFnr(0.05).setThreshold(0.7).build()))
        .setSelectedFnr(0.05)
        .setMetrics(
            ValidationMetrics.newBuilder()
                .setAuroc(0.95)
                .setValidationSamples(100)
                .setExtra(Map.of())
                .build())
        .setCreatedAt(at)
        .setCreatedByCommandId("console-it-register")
        .setUpdatedAt(at)
        .setUpdatedByCommandId("console-it-activate")
        .build();
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  private void assertImagesNeedASession(URI base, String sha256, String cookie) throws Exception {
    URI image = base.resolve("api/image?sha256=" + sha256);
    HttpResponse<String> anonymous = get(image, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(error(anonymous)).isEqualTo("LOGIN_REQUIRED");
    assertThat(get(image, "not-a-session").statusCode()).isEqualTo(401);
    HttpResponse<byte[]> withSession =
        http.send(
            HttpRequest.newBuilder(image)
                .header("Cookie", ConsoleHandler.COOKIE + "=" + cookie)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(withSession.statusCode()).isEqualTo(200);
    assertThat(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(withSession.body())))
        .isEqualTo(sha256);
  }

  private void assertStateChangesNeedTheCsrfTokenAndTheReviewerRole(
      URI base, String uploadId, String cookie) throws Exception {
    URI feedback = base.resolve("api/feedback?id=" + uploadId);
    String body = "{\"action\":\"CONFIRM\",\"reason\":\"forged\"}";
    HttpResponse<String> noToken = post(feedback, cookie, null, body);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(error(noToken)).isEqualTo("CSRF_TOKEN_INVALID");
    HttpResponse<String> wrongToken = post(feedback, cookie, "0".repeat(64), body);
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(error(wrongToken)).isEqualTo("CSRF_TOKEN_INVALID");
    HttpResponse<String> otherOrigin =
        http.send(
            HttpRequest.newBuilder(feedback)
                .header("Cookie", ConsoleHandler.COOKIE + "=" + cookie)
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(otherOrigin.statusCode()).isEqualTo(403);
    assertThat(error(otherOrigin)).isEqualTo("CROSS_ORIGIN");

    // A viewer logs in over plain HTTP as the page does, with a valid token, and is refused.
    HttpResponse<String> anonymous = get(base.resolve("api/session"), null);
    String anonymousCookie = sessionCookie(anonymous);
    String anonymousCsrf = JSON.readTree(anonymous.body()).get("csrfToken").asText();
    String credentials = "{\"user\":\"" + VIEWER + "\",\"password\":\"" + VIEWER_PASSWORD + "\"}";
    HttpResponse<String> forgedLogin =
        post(base.resolve("api/login"), anonymousCookie, null, credentials);
    assertThat(forgedLogin.statusCode()).isEqualTo(403);
    HttpResponse<String> wrongPassword =
        post(
            base.resolve("api/login"),
            anonymousCookie,
            anonymousCsrf,
            "{\"user\":\"" + VIEWER + "\",\"password\":\"guess\"}");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    HttpResponse<String> login =
        post(base.resolve("api/login"), anonymousCookie, anonymousCsrf, credentials);
    assertThat(login.statusCode()).isEqualTo(200);
    String viewerCookie = sessionCookie(login);
    assertThat(viewerCookie).as("log-in starts a new session").isNotEqualTo(anonymousCookie);
    String viewerCsrf = JSON.readTree(login.body()).get("csrfToken").asText();
    HttpResponse<String> asViewer = post(feedback, viewerCookie, viewerCsrf, body);
    assertThat(asViewer.statusCode()).isEqualTo(403);
    assertThat(error(asViewer)).isEqualTo("REVIEWER_ROLE_REQUIRED");
    for (String readable : List.of("alerts", "models", "api/alerts", "api/training")) {
      assertThat(get(base.resolve(readable), viewerCookie).statusCode())
          .as("a viewer may read %s", readable)
          .isEqualTo(200);
    }
    assertThat(get(base.resolve("api/upload?id=" + uploadId), anonymousCookie).statusCode())
        .as("the anonymous session did not become the logged-in one")
        .isEqualTo(401);
  }

  private static String sessionCookie(HttpResponse<String> response) {
    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(header).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
    return header.substring(ConsoleHandler.COOKIE.length() + 1, header.indexOf(';'));
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error").get("code").asText();
  }

  private HttpResponse<String> get(URI uri, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (cookie != null) {
      request.header("Cookie", ConsoleHandler.COOKIE + "=" + cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String cookie, String csrf, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Cookie", ConsoleHandler.COOKIE + "=" + cookie)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      request.header(ConsoleHandler.CSRF_HEADER, csrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode lookUp(ApiHttpServer api, String token, String uploadId) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api.uri() + "/api/v1/uploads/" + uploadId))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void logIn(WebDriver browser, URI base) {
    browser.get(base.toString());
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(b -> b.getCurrentUrl().endsWith("/console/login"));
    browser.findElement(By.id("user")).sendKeys(REVIEWER);
    browser.findElement(By.id("password")).sendKeys("wrong password");
    browser.findElement(By.id("login-button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(b -> b.findElement(By.id("login-error")).isDisplayed());
    assertThat(browser.findElement(By.id("login-error")).getText())
        .isEqualTo("Wrong user name or password; check both and retry");
    browser.findElement(By.id("password")).clear();
    browser.findElement(By.id("password")).sendKeys(REVIEWER_PASSWORD);
    screenshot(browser, "login.png");
    browser.findElement(By.id("login-button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(b -> b.findElement(By.id("who")).getText().contains(REVIEWER));
  }

  private static long thumbnailsLoaded(WebDriver browser) {
    return browser.findElements(By.cssSelector("#feed-body img.thumb")).stream()
        .filter(ConsoleIT::imageLoaded)
        .count();
  }

  private static boolean imageLoaded(WebElement image) {
    String width = image.getAttribute("naturalWidth");
    return image.getAttribute("complete").equals("true") && width != null && !width.equals("0");
  }

  private List<DemoUpload> send(Topics topics, ServiceSerdes serdes) throws Exception {
    DemoUploads factory =
        new DemoUploads(serdes.uploads(), topics.uploads(), InstantSource.system());
    List<Image8> target;
    try (GeneratorModel generator = GeneratorBundles.read(ZOO.resolve("dcgan-seed1")).load()) {
      target = new GeneratorImageSource("dcgan-seed1", generator).draw(3, 9_300_000L);
    }
    List<DemoUpload> uploads =
        new ArrayList<>(
            factory.images(target, Map.of(), FashionMnist.testSubset().images().subList(0, 2), 5));
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (DemoUpload upload : uploads) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.uploads(),
                    upload.uploadId(),
                    upload.encode(serdes.uploads(), topics.uploads(), Instant.now())))
            .get();
      }
    }
    return uploads;
  }

  private static Feedback readFeedback(Topics topics, ControlSerdes control, String uploadId) {
    Map<String, Object> props = new HashMap<>(stack.client());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<Feedback> read = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.feedback()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  assertThat(record.key()).isEqualTo(uploadId);
                  read.add(control.feedback().deserialize(record.topic(), record.value()));
                }
                return !read.isEmpty();
              });
      // Anything more would be a second record: the page must write one per submission.
      consumer
          .poll(Duration.ofSeconds(1))
          .forEach(r -> read.add(control.feedback().deserialize(r.topic(), r.value())));
    }
    assertThat(read).as("exactly one Feedback record, the overturn").hasSize(1);
    return read.get(0);
  }

  private WebDriver browser() throws Exception {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    return driver;
  }

  private static void screenshot(WebDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }
}
