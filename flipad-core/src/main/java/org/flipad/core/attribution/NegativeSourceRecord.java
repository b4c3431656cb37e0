package org.flipad.core.attribution;

/**
 * What a detector bundle records of one negative source it was trained against.
 *
 * @param name the source's name, e.g. "fashion-mnist" or "lsgan-seed2"
 * @param kind real images, a generator or reviewer feedback
 * @param identity the dataset's name and digest, or the generator bundle's sha256
 * @param weight its relative share of the negative training images
 * @param trained images of this source DeepSAD was trained on
 * @param heldOut held-out images of this source scored in the validation
 */
public record NegativeSourceRecord(
    String name,
    NegativeSource.Kind kind,
    String identity,
    double weight,
    int trained,
    int heldOut) {}
