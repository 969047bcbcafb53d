/**
 * {@code moecl repro paper}: {@link moecl.workbench.report.PaperReport} runs every experiment of the paper as a
 * sweep folder inside one report folder, {@link moecl.workbench.report.Claims} states the paper's claims as
 * {@link moecl.workbench.report.Claim}s over {@link moecl.workbench.report.Estimate}s of the finished sweeps
 * ({@link moecl.workbench.report.SweepData}), and {@link moecl.workbench.report.ReportWriter} writes
 * {@code claims.json}, {@code report.md} and {@code report.html} with the figures of
 * {@link moecl.workbench.report.Charts}.
 */
package moecl.workbench.report;
