package org.flipad.streams.lookup;

/** Point lookups of how uploads ended and of archived images. */
public interface Lookups {

  /** How the upload {@code uploadId} ended, within the retention. */
  Located<UploadOutcome> upload(String uploadId);

  /** The archived image whose encoded bytes have sha256 {@code sha256} (lowercase hex). */
  Located<byte[]> image(String sha256);
}
