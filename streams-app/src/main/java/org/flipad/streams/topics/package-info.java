/** Topic names of the upload path and their creation. */
package org.flipad.streams.topics;
