/**
 * The PyTorch engine as a process-wide resource: which device the tensor work runs on and how many
 * threads PyTorch uses, so a serving process can size and report them from its own configuration.
 */
package org.flipad.core.compute;
