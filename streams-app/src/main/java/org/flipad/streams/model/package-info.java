/** Which generators are watched, at which detector version and decision level. */
package org.flipad.streams.model;
