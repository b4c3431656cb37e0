/**
 * Generators trained elsewhere (PyTorch) and imported as TorchScript, so that FLIPAD can sample
 * from them, read their penultimate activations g(z) and invert their final layer.
 *
 * <p>Owns: the manifest format {@code torchscript-generator.json}, loading a generator folder (the
 * manifest, {@code generator.pt} and {@code penultimate.pt}) with DJL's PyTorch engine, running
 * both modules on Java arrays, and copying the final layer's weights, found by the parameter names
 * the manifest gives, into an {@link org.flipad.core.inversion.FinalLayer}.
 *
 * <p>Must not: invert, score, train or know about Kafka; need Python at run time; write
 * TorchScript. No NDArray leaves this package: callers pass and receive Java arrays and records.
 */
package org.flipad.core.generator.imported;
