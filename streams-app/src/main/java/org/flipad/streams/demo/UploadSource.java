package org.flipad.streams.demo;

/**
 * Where a demo upload came from, which the demo knows and the service does not.
 *
 * <p>TARGET: a sample of the watched generator (should be ATTRIBUTED); OTHER_GENERATOR: a sample of
 * another generator of the zoo; REAL: a Fashion-MNIST photo (both should be NOT_ATTRIBUTED);
 * MALFORMED: bad input that must be dead-lettered; REUPLOAD: the same bytes as an earlier upload,
 * which should be answered from the decision cache.
 */
public enum UploadSource {
  TARGET,
  OTHER_GENERATOR,
  REAL,
  MALFORMED,
  REUPLOAD
}
