/**
 * The topics of the upload path: their names (one record shared by every process) and their
 * creation through the Admin API. No processing happens here.
 */
package org.flipad.streams.topic;
