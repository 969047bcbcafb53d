/**
 * What an expert plugin implements: {@link moecl.expert.Expert} (learn the tasks routed to it, report
 * {@link moecl.expert.LearnReport}) and the optional capabilities {@link moecl.expert.LinearModel} (a linear
 * predictor the paper's metrics read) and {@link moecl.expert.Snapshots} (state copied out and put back).
 */
package moecl.expert;
