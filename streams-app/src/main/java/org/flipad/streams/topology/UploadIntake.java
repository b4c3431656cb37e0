package org.flipad.streams.topology;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.flipad.core.bundle.Sha256;
import org.flipad.core.data.ImageFiles;
import org.flipad.core.data.ImageHeader;
import org.flipad.core.data.ImageRejection;
import org.flipad.schema.DeadLetterReason;
import org.flipad.schema.DeadLetterStage;
import org.flipad.schema.ImageUpload;

/**
 * Checks an upload event and admits its image: required fields, upload id length, inline size cap,
 * reference allow-list, declared digest, format by magic bytes, and the pixel cap from the header
 * before any pixel is decoded. Every refusal is a {@link ScreeningException} with its dead-letter
 * code.
 */
final class UploadIntake {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final ScreeningSettings settings;
  private final ReferenceFetcher fetcher;
  private final ImageFiles decoder;

  UploadIntake(ScreeningSettings settings) {
    this.settings = settings;
    this.fetcher =
        new ReferenceFetcher(
            settings.referenceAllowlist(),
            settings.maxReferencedBytes(),
            settings.referenceFetchTimeout());
    this.decoder = new ImageFiles(settings.decodeLimits());
  }

  /** The fetcher of referenced images, for the task's {@link ReferenceFetches}. */
  ReferenceFetcher fetcher() {
    return fetcher;
  }

  /** Whether the image comes by reference and must be fetched before {@link #admit}. */
  static boolean byReference(ImageUpload upload) {
    return upload.getImageUri() != null && upload.getImageBytes() == null;
  }

  /**
   * Checks what can be checked of an upload by reference before its image is fetched — required
   * fields, the declared digest, the allow-list — and returns the URI to fetch. No I/O.
   */
  java.net.URI checkReference(ImageUpload upload) throws ScreeningException {
    requireFields(upload);
    return fetcher.allowed(upload.getImageUri());
  }

  /**
   * Admits an upload's image: the inline bytes, or for an upload by reference the bytes fetched for
   * it ({@code fetched}, null for inline uploads).
   */
  AdmittedImage admit(ImageUpload upload, byte[] fetched) throws ScreeningException {
    requireFields(upload);
    byte[] encoded = encodedImage(upload, fetched);
    String sha256 = Sha256.ofBytes(encoded);
    if (upload.getSha256() != null && !upload.getSha256().equals(sha256)) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.DIGEST_MISMATCH,
              DeadLetterStage.VALIDATE,
              "The image's sha256 is "
                  + sha256
                  + " but the upload declares "
                  + upload.getSha256()
                  + ". The bytes changed on the way, or the producer hashed something else;"
                  + " re-send with the digest of the bytes sent."));
    }
    ImageHeader header;
    try {
      header = decoder.probe(encoded);
    } catch (ImageRejection e) {
      throw new ScreeningException(rejection(e));
    }
    if (header.pixels() > settings.maxPixels()) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.TOO_MANY_PIXELS,
              DeadLetterStage.DECODE,
              "The image header says "
                  + header.width()
                  + "×"
                  + header.height()
                  + " = "
                  + header.pixels()
                  + " pixels, above the cap of "
                  + settings.maxPixels()
                  + ". It was not decoded; downscale it before uploading."));
    }
    return new AdmittedImage(encoded, sha256, header, decoder);
  }

  /** The dead-letter form of a decoder refusal. */
  static Rejection rejection(ImageRejection e) {
    DeadLetterReason reason =
        switch (e.reason()) {
          case TOO_MANY_PIXELS -> DeadLetterReason.TOO_MANY_PIXELS;
          case TOO_MANY_BYTES -> DeadLetterReason.TOO_MANY_BYTES;
          case UNSUPPORTED_FORMAT -> DeadLetterReason.UNSUPPORTED_IMAGE;
          case CORRUPT -> DeadLetterReason.CORRUPT_IMAGE;
        };
    return new Rejection(reason, DeadLetterStage.DECODE, e.getMessage(), e.getClass().getName());
  }

  /**
   * Refuses a blank upload id or one longer than {@code maxIdChars}: every output of the upload,
   * and the re-keyed copy of the upload itself, is keyed by it.
   */
  static void requireUploadId(ImageUpload upload, int maxIdChars) throws ScreeningException {
    if (upload.getUploadId() == null || upload.getUploadId().isBlank()) {
      throw invalid("uploadId is blank; every upload needs a unique id.");
    }
    if (upload.getUploadId().length() > maxIdChars) {
      throw invalid(
          "uploadId has "
              + upload.getUploadId().length()
              + " characters; at most "
              + maxIdChars
              + " are accepted, since every output of the upload is keyed by it. Use short unique"
              + " ids such as UUIDs.");
    }
  }

  private void requireFields(ImageUpload upload) throws ScreeningException {
    requireUploadId(upload, settings.deadLetterLimits().maxIdChars());
    if (upload.getTenant() == null || upload.getTenant().isBlank()) {
      throw invalid("tenant is blank; set the platform tenant the upload belongs to.");
    }
    boolean inline = upload.getImageBytes() != null;
    boolean reference = upload.getImageUri() != null;
    if (inline == reference) {
      throw invalid(
          inline
              ? "Both imageBytes and imageUri are set; send exactly one."
              : "Neither imageBytes nor imageUri is set; send the image inline or by reference.");
    }
    if (upload.getSha256() != null && !SHA256.matcher(upload.getSha256()).matches()) {
      throw invalid(
          "sha256 '"
              + upload.getSha256()
              + "' is not 64 lowercase hex characters; send the hex SHA-256 of the image bytes.");
    }
    if (reference && upload.getSha256() == null) {
      throw invalid(
          "An upload by reference (imageUri) must declare the image's sha256, so the fetched"
              + " bytes can be checked.");
    }
  }

  private byte[] encodedImage(ImageUpload upload, byte[] fetched) throws ScreeningException {
    if (upload.getImageUri() != null) {
      if (fetched == null) {
        throw new IllegalStateException(
            "Upload " + upload.getUploadId() + " is by reference but its image was not fetched.");
      }
      return fetched;
    }
    ByteBuffer buffer = upload.getImageBytes();
    if (buffer.remaining() > settings.maxInlineBytes()) {
      throw new ScreeningException(
          Rejection.of(
              DeadLetterReason.TOO_MANY_BYTES,
              DeadLetterStage.VALIDATE,
              "The inline image has "
                  + buffer.remaining()
                  + " bytes, above the inline cap of "
                  + settings.maxInlineBytes()
                  + ". Send larger images by reference (imageUri + sha256)."));
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static ScreeningException invalid(String detail) {
    return new ScreeningException(
        Rejection.of(DeadLetterReason.INVALID_UPLOAD, DeadLetterStage.VALIDATE, detail));
  }
}
