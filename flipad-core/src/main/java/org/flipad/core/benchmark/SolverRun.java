package org.flipad.core.benchmark;

import java.util.Map;
import org.flipad.core.inversion.StopReason;

/**
 * One timed run of one solver on one problem.
 *
 * @param problem problem label
 * @param solver solver and schedule, e.g. "fista-reference η=0.025"
 * @param goal what the run had to achieve
 * @param images N
 * @param threads threads the solver used
 * @param millisPerImage wall time of the batch / N
 * @param millisPerImagePerCore wall time · threads / N
 * @param meanObjective mean P(δ̂) over images
 * @param maxRelativeGap largest relative duality gap over images (double precision)
 * @param meanIterations mean iterations (FISTA) or epochs (coordinate descent)
 * @param stops how many images stopped for each reason
 * @param reachedGoal images that met the goal
 */
public record SolverRun(
    String problem,
    String solver,
    BenchmarkGoal goal,
    int images,
    int threads,
    double millisPerImage,
    double millisPerImagePerCore,
    double meanObjective,
    double maxRelativeGap,
    double meanIterations,
    Map<StopReason, Integer> stops,
    int reachedGoal) {}
