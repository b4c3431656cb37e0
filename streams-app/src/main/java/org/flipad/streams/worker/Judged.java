package org.flipad.streams.worker;

import org.flipad.schema.InversionResult;

/**
 * What a worker made of one request: the result for the join, and whether the request is to be
 * dead-lettered as well (it kept failing).
 *
 * @param result always present; carries an error when the request could not be judged
 * @param exhausted the request failed every attempt and goes to the dead-letter topic with
 *     WORKER_ERROR
 */
record Judged(InversionResult result, boolean exhausted) {}
