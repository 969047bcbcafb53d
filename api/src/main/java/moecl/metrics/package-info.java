/**
 * Per-round metrics: {@link moecl.metrics.RoundMetrics} (what a metrics object implements: named columns filled
 * every round), {@link moecl.metrics.LinearMetrics} (the paper's forgetting and generalization error, and the
 * reference scripts' variants, for linear experts against known truths) and {@link moecl.metrics.OwnMetrics} (the
 * capability of a generator that brings its own metrics, e.g. image tasks with neural experts).
 */
package moecl.metrics;
