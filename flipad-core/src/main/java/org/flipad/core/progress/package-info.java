/**
 * Progress reporting for long work (benchmarks, inversion of many images, training): a callback
 * interface that the library calls and that front ends (the CLI's progress bar) implement.
 *
 * <p>Must not: print, or depend on any other FLIPAD package.
 */
package org.flipad.core.progress;
