/**
 * Evaluation of detectors by the paper's protocol (FLIPAD.md section 5): the protocol itself,
 * binary metrics, the result model of an evaluation run, and its reports and plots.
 *
 * <p>Owns: the protocol ({@link org.flipad.core.eval.EvaluationProtocol} draws the image sets of
 * each target and repetition from {@link org.flipad.core.eval.ImageSource}s, applies each
 * perturbation and hands each method to {@link org.flipad.core.eval.MethodRunner}, which trains and
 * scores through {@code org.flipad.core.attribution}); {@link org.flipad.core.eval.BinaryMetrics}
 * (accuracy, AUROC, average precision, TPR at a fixed FPR, ROC curves; the target is the positive
 * class and a lower score is more target-like), {@link org.flipad.core.eval.MeanStd}, the result
 * model ({@link org.flipad.core.eval.SourceGroup}, {@link org.flipad.core.eval.Comparison}, {@link
 * org.flipad.core.eval.EvaluationRun}) and {@link org.flipad.core.eval.EvaluationReport}, which
 * writes {@code report.md}, {@code results.csv}, {@code results.json} and PNG plots (JFreeChart,
 * drawn as {@code org.flipad.core.benchmark.BenchmarkChart} draws its charts).
 *
 * <p>Must not: implement detectors, features or solvers (it calls {@code attribution}, {@code
 * baseline} and {@code detector}), or import Kafka or anything from {@code org.flipad.streams}.
 */
package org.flipad.core.eval;
