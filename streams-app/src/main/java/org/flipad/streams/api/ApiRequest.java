package org.flipad.streams.api;

/**
 * The parts of an HTTP request the API looks at.
 *
 * @param method HTTP method, upper case
 * @param rawPath the path as sent, still percent-encoded
 * @param authorization the Authorization header, or null
 * @param forwarded whether another instance forwarded it here (it is then never forwarded again)
 */
record ApiRequest(String method, String rawPath, String authorization, boolean forwarded) {

  /** The header that marks a request forwarded by another instance to the key's owner. */
  static final String FORWARDED_HEADER = "X-Flipad-Forwarded";
}
