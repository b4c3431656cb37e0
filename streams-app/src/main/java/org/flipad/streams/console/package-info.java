/**
 * The review console: web pages (classpath resources under {@code /console/}) served on the lookup
 * API's HTTP server for reviewers and on-call engineers. Log-in with hashed passwords and roles,
 * cookie sessions with CSRF tokens, a live feed of verdicts over server-sent events, an upload's
 * page and reviewers' feedback, which it writes to the feedback topic. It reads what {@code
 * org.flipad.streams.lookup} holds and decides nothing.
 */
package org.flipad.streams.console;
