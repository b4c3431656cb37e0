package org.flipad.core.attribution;

/**
 * How a detector did on held-out images of one negative source at build time.
 *
 * @param source the source's name
 * @param heldOut held-out images of the source scored
 * @param auroc AUROC of held-out target vs this source's images
 * @param tnrHeadline share of the source's images refused at FNR 0.5 %
 * @param tnrFivePercent share refused at FNR 5 %
 */
public record SourceValidation(
    String source, int heldOut, double auroc, double tnrHeadline, double tnrFivePercent) {}
