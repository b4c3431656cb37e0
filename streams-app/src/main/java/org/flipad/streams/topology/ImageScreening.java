package org.flipad.streams.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flipad.core.data.Image8;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ImageFormat;
import org.flipad.schema.ImageUpload;
import org.flipad.schema.InversionRequest;
import org.flipad.schema.UndecidedReason;
import org.flipad.streams.model.ModelCatalog;
import org.flipad.streams.model.WatchedModel;

/**
 * Screens an admitted image against the watched models: which models it goes to (the ones the
 * upload names, or all), whether any of them accepts its size, whether the decision cache already
 * answers it, and otherwise the state to await plus one InversionRequest per accepting model. It
 * reads the catalog and the cache and writes nothing; {@link UploadProcessor} stores and forwards
 * what it decided.
 */
final class ImageScreening {

  /** What screening decided: a cached decision, or the state to await plus the requests. */
  record Screened(
      PendingUpload cachedDecision,
      PendingUpload state,
      List<InversionRequest> requests,
      String cacheKey,
      byte[] encoded) {}

  private final ModelCatalog catalog;
  private final ScreeningSettings settings;
  private final KeyValueStore<String, CachedDecision> cache;

  ImageScreening(
      ModelCatalog catalog,
      ScreeningSettings settings,
      KeyValueStore<String, CachedDecision> cache) {
    this.catalog = catalog;
    this.settings = settings;
    this.cache = cache;
  }

  /**
   * Screens {@code image}, admitted from {@code upload}, at {@code now}.
   *
   * @throws ScreeningException when models are watched but none accepts the image's size
   */
  Screened screen(ImageUpload upload, AdmittedImage image, SourceCoordinates source, long now)
      throws ScreeningException {
    Set<String> requested =
        upload.getModelIds() == null ? null : new TreeSet<>(upload.getModelIds());
    List<WatchedModel> watched = new ArrayList<>();
    List<ModelOutcome> unavailable = new ArrayList<>();
    if (requested == null) {
      watched.addAll(catalog.all());
    } else {
      for (String id : requested) {
        catalog
            .find(id)
            .ifPresentOrElse(
                watched::add,
                () ->
                    unavailable.add(
                        ModelOutcome.undecided(id, 1, UndecidedReason.MODEL_UNAVAILABLE)));
      }
    }
    int width = image.header().width();
    int height = image.header().height();
    List<WatchedModel> accepting =
        watched.stream()
            .filter(m -> m.input().width() == width && m.input().height() == height)
            .toList();
    if (!watched.isEmpty() && accepting.isEmpty()) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.SIZE_NOT_ACCEPTED,
              DeadLetterStage.VALIDATE,
              "The image is "
                  + width
                  + "×"
                  + height
                  + " but the watched models only produce "
                  + watched.stream()
                      .map(m -> m.label() + " " + m.input().width() + "×" + m.input().height())
                      .toList()
                  + ". Generators never produce other sizes and resizing would erase their"
                  + " trace, so the image cannot be screened; send it at its original size."));
    }
    // Uploads naming an unknown model are not cached: the model may be registered any moment.
    String cacheKey =
        unavailable.isEmpty()
            ? CachedDecision.key(
                image.sha256(), watched.stream().map(WatchedModel::decisionIdentity).toList())
            : null;
    long uploadedAt = upload.getUploadedAt().toEpochMilli();
    CachedDecision cached = cacheKey == null ? null : cache.get(cacheKey);
    if (cached != null && now - cached.decidedAtMillis() <= settings.cacheTtl().toMillis()) {
      return new Screened(
          cached
              .decided()
              .reusedFor(
                  upload.getUploadId(),
                  upload.getTenant(),
                  source.topic(),
                  source.partition(),
                  source.offset(),
                  uploadedAt,
                  now,
                  0),
          null,
          List.of(),
          cacheKey,
          null);
    }
    long deadline = now + settings.deadline().toMillis();
    List<ModelOutcome> models = new ArrayList<>(unavailable);
    List<InversionRequest> requests = new ArrayList<>();
    for (WatchedModel model : watched) {
      if (!accepting.contains(model)) {
        models.add(ModelOutcome.notAttributed(model.modelId(), model.version()));
        continue;
      }
      Image8 pixels = image.pixels(model.input().mode());
      models.add(ModelOutcome.awaiting(model.modelId(), model.version()));
      requests.add(
          InversionRequest.newBuilder()
              .setUploadId(upload.getUploadId())
              .setModelId(model.modelId())
              .setModelVersion(model.version())
              .setImageSha256(image.sha256())
              .setPixels(ByteBuffer.wrap(pixels.toInterleaved()))
              .setEncodedImage(null)
              .setWidth(width)
              .setHeight(height)
              .setChannels(pixels.channels())
              .setRequestedAt(Instant.ofEpochMilli(now))
              .setDeadlineAt(Instant.ofEpochMilli(deadline))
              .setAttempt(1)
              .setSourceTopic(source.topic())
              .setSourcePartition(source.partition())
              .setSourceOffset(source.offset())
              .build());
    }
    models.sort(Comparator.comparing(ModelOutcome::modelId));
    PendingUpload state =
        new PendingUpload(
            upload.getUploadId(),
            upload.getTenant(),
            image.sha256(),
            width,
            height,
            ImageFormat.valueOf(image.header().format().name()),
            source.topic(),
            source.partition(),
            source.offset(),
            uploadedAt,
            now,
            image.decodeMillis(),
            deadline,
            models,
            cacheKey);
    return new Screened(null, state, requests, cacheKey, image.encoded());
  }
}
