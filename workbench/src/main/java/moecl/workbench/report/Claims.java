package moecl.workbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunResult;
import moecl.workbench.sweep.SweepPlan;

/**
 * The paper's claims (paper.md §6–7) as falsifiable hypotheses over the report's sweeps, and the checks with exact
 * answers (theory against simulation, replays against the authors' scripts).
 *
 * <p>Replicates are seeds (Fig. 2, Fig. 3, theory) or repeats (Fig. 4/5). Comparisons between settings that share
 * their worlds and random streams (the M values of one Fig. 2 panel, the thresholds of one Fig. 4/5 repeat, the M
 * values of one Fig. 3 seed) are paired by replicate; the two Fig. 2 panels draw different worlds and are compared
 * with Welch's interval. Metrics are the reference scripts' ({@code F_ref}, {@code G_ref}: plain norms, what the
 * paper's figures plot) for Fig. 2 and 4/5, and Fig. 3's test-loss {@code F}, {@code G}.
 */
final class Claims {

    private Claims() {
    }

    /**
     * Final {@code F_ref} and {@code G_ref} of the authors' Fig. 2 script ({@code fig2_forgetting_error.py}, with
     * termination) after {@code np.random.seed(1)}, T = 2000, for M = 1, 5, 10, 20: computed by running that
     * script with numpy on 2026-12-06.
     */
    static final double[][] FIG2_SCRIPT_SEED1 = {
            {0.3234014032811224, 0.17716320959191698, 0.141074028933741, 0.10149992382184427},
            {0.3295818272100594, 0.1788670863486058, 0.1421660138664594, 0.10221104126115363}};

    /**
     * Final {@code F_ref} and {@code G_ref}, averaged over 3 repeats, of the authors' Fig. 4/5 script
     * ({@code fig4&5_update_interrupt.py}, {@code cnt = 3}) after {@code np.random.seed(3)}, T = 500, for
     * e = 0.75, 1, 1.25, 1.5: computed by running that script with numpy on 2026-12-06.
     */
    static final double[][] FIG45_SCRIPT_SEED3 = {
            {0.1436323193401824, 0.1655334664130179, 0.18924274719079517, 0.21341736060253066},
            {0.1451185126928035, 0.1665651639607423, 0.19070381374930637, 0.21467919755211404}};

    static List<Claim> all(PaperReport.Options o, Map<String, SweepData> data, List<String> problems) {
        List<Claim> out = new ArrayList<>();
        fig2(data.get("fig2"), out);
        fig45(data.get("fig45"), out);
        fig3(data.get("fig3"), out, problems);
        theory(data.get("theory-gaussian"), out);
        replays(data.get("replay-fig2"), data.get("replay-fig45"), out);
        return out;
    }

    // ---------------------------------------------------------------------------------------------- Fig. 2

    private static final int[] FIG2_M = {1, 5, 10, 20};

    static void fig2(SweepData d, List<Claim> out) {
        String fig = "Fig. 2";
        String single = "A single expert never converges: with M = 1 the error stays at the model gap (§6).";
        String singleStat = "per seed, mean G_ref over the last tenth of the rounds divided by its mean over rounds "
                + "T/10..T/5 (M = 1, with termination)";
        String decay = "With enough experts they specialise after T1 = ⌈M/η⌉ rounds and F, G decay like O(T1/t) "
                + "(Thm 1, §6).";
        String gap = "M < N keeps a model-gap term: a single expert ends far above an MoE with M ≥ N (§6).";
        String gapStat = "per seed, final G_ref(M = 1) / final G_ref(M = 10), with termination (N = 7)";
        String noStop = "Without termination, specialisation breaks for large M and the error stops decreasing "
                + "(Prop. 2).";
        String later = "Larger M converges later (T1 grows with M).";
        String laterStat = "per seed, G_ref(M = 20) − G_ref(M = 5) at t = T/4, with termination (paired)";
        String uniform = "After the freeze, the experts that serve a task type are used uniformly (Prop. 3).";
        String uniformStat = "per run that froze (M = 10, 20), over the task types served by two or more experts "
                + "(each with ≥ 10% of the type's most-used expert's count after the freeze), the mean normalised "
                + "entropy of their counts (1 = uniform; 60/40 gives 0.97, 75/25 gives 0.81)";
        if (d == null) {
            for (String[] c : new String[][] {{"fig2.single-expert-plateau", single, singleStat},
                    {"fig2.decay", decay, "G_ref(T)/G_ref(T/10)"}, {"fig2.model-gap", gap, gapStat},
                    {"fig2.no-termination-breaks", noStop, "G_ref(T) without − with termination, M = 20"},
                    {"fig2.larger-m-later", later, laterStat}, {"fig2.uniform-within-set", uniform, uniformStat}}) {
                out.add(Claim.notRun(c[0], fig, c[1], c[2], "the Fig. 2 sweep did not run"));
            }
            return;
        }
        Map<String, String> stop = Map.of("variant", "stop");
        Map<String, String> nostop = Map.of("variant", "nostop");
        out.add(Claim.judged("fig2.single-expert-plateau", fig, single, singleStat, ">", 0.8,
                Estimate.of(values(d, d.runs(stop, 1), run -> {
                    RunResult r = d.rows(run);
                    int t = r.rounds();
                    return r.mean("G_ref", t - t / 10 + 1, t) / r.mean("G_ref", t / 10 + 1, t / 5);
                })), "0.8 allows a 20% drift; a 1/t decay from round T/10 to T would give about 0.1"));
        for (int m : new int[] {5, 10, 20}) {
            int t0 = 80 + 3 * m;
            out.add(Claim.judged("fig2.decay.M" + m, fig, decay, "per seed, G_ref(T) / G_ref(t0), t0 = 80 + 3M = " + t0
                            + " (the earliest freeze), M = " + m + ", with termination", "<", 1.0,
                    Estimate.of(values(d, d.runs(stop, m), run -> {
                        double[] g = metric(d.rows(run), "G_ref");
                        return g[g.length - 1] / g[t0 - 1];
                    })), "below 1: G decreases after the gate's training period (1/t from t0 would give "
                            + fmt2((double) t0 / FIG2_T) + ")"));
        }
        out.add(Claim.judged("fig2.rate.M5", fig, "M = 5 decays roughly like 1/t (§7).",
                "per seed, least-squares slope of log G_ref against log t over t = 95..T (1/t gives −1), M = 5, "
                        + "with termination", "<", -0.5,
                Estimate.of(values(d, d.runs(stop, 5), run -> slope(metric(d.rows(run), "G_ref"), 95))),
                "−0.5: at least half the 1/t rate on a log-log scale"));
        out.add(Claim.judged("fig2.model-gap", fig, gap, gapStat, ">", 2.0,
                Estimate.of(paired(d, stop, 1, stop, 10, run -> d.fin(run, "G_ref"), (a, b) -> a / b)),
                "2 asks the single expert to end at least twice as far from the truths"));
        for (int m : new int[] {10, 20}) {
            out.add(Claim.judged("fig2.no-termination-breaks.M" + m, fig, noStop, "final G_ref without termination "
                            + "minus with termination, M = " + m + " (the panels draw different worlds: Welch)", ">",
                    0.0, Estimate.difference(values(d, d.runs(nostop, m), run -> d.fin(run, "G_ref")),
                            values(d, d.runs(stop, m), run -> d.fin(run, "G_ref"))), null));
        }
        out.add(Claim.judged("fig2.larger-m-later", fig, later, laterStat, ">", 0.0,
                Estimate.of(paired(d, stop, 20, stop, 5, run -> {
                    double[] g = metric(d.rows(run), "G_ref");
                    return g[g.length / 4 - 1];
                }, (a, b) -> a - b)), null));
        List<Double> ent = new ArrayList<>();
        for (int m : new int[] {10, 20}) {
            for (SweepPlan.Run run : d.runs(stop, m)) {
                JsonNode rec = d.record(run);
                if (rec.path("freezeRound").isNumber()) {
                    double e = withinSetEntropy(rec.path("histogramAfterFreeze"));
                    if (!Double.isNaN(e)) {
                        ent.add(e);
                    }
                }
            }
        }
        out.add(Claim.judged("fig2.uniform-within-set", fig, uniform, uniformStat, ">", 0.9,
                Estimate.of(ent.stream().mapToDouble(Double::doubleValue).toArray()),
                "0.9: closer to uniform than 68/32 between two experts"));
    }

    /** See {@code uniformStat}: NaN when no type is served by two or more experts. */
    static double withinSetEntropy(JsonNode histogram) {
        double sum = 0;
        int k = 0;
        for (JsonNode row : histogram) {
            double max = 0;
            for (JsonNode c : row) {
                max = Math.max(max, c.asDouble());
            }
            List<Double> served = new ArrayList<>();
            for (JsonNode c : row) {
                if (c.asDouble() > 0 && c.asDouble() >= 0.1 * max) {
                    served.add(c.asDouble());
                }
            }
            if (served.size() < 2) {
                continue;
            }
            double total = served.stream().mapToDouble(Double::doubleValue).sum();
            double h = 0;
            for (double c : served) {
                double p = c / total;
                h -= p * Math.log(p);
            }
            sum += h / Math.log(served.size());
            k++;
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    // ---------------------------------------------------------------------------------------------- Fig. 4/5

    static void fig45(SweepData d, List<Claim> out) {
        String fig = "Fig. 4/5";
        String later = "A smaller termination threshold Γ = 0.4^e stops the gate later.";
        String laterStat = "per repeat, freeze round with e = 1.5 minus with e = 0.75 (never frozen counts as T; "
                + "paired)";
        String error = "The threshold trades specialisation against forgetting: the final error depends on Γ "
                + "(weakly in the authors' own runs).";
        String errorStat = "per repeat, final G_ref with e = 0.75 minus with e = 1.5 (paired)";
        if (d == null) {
            out.add(Claim.notRun("fig45.smaller-threshold-stops-later", fig, later, laterStat, "not run"));
            out.add(Claim.notRun("fig45.threshold-changes-error", fig, error, errorStat, "not run"));
            return;
        }
        Map<String, String> big = Map.of("variant", "e=0.75");
        Map<String, String> small = Map.of("variant", "e=1.5");
        ToDoubleFunction<SweepPlan.Run> freeze = run -> {
            JsonNode f = d.record(run).path("freezeRound");
            return f.isNumber() ? f.asDouble() : run.spec().rounds();
        };
        out.add(Claim.judged("fig45.smaller-threshold-stops-later", fig, later, laterStat, ">", 0.0,
                Estimate.of(paired(d, small, null, big, null, freeze, (a, b) -> a - b)), null));
        out.add(Claim.judged("fig45.threshold-changes-error", fig, error, errorStat, "!=", 0.0,
                Estimate.of(paired(d, big, null, small, null, run -> d.fin(run, "G_ref"), (a, b) -> a - b)),
                "two-sided: the paper does not say which way; holds when the interval excludes 0"));
    }

    // ---------------------------------------------------------------------------------------------- Fig. 3

    static void fig3(SweepData d, List<Claim> out, List<String> problems) {
        String fig = "Fig. 3";
        String four = "On MNIST, an MoE with M = 4 ≥ N = 3 ends with a lower error than a single expert.";
        String seven = "M = 7 also ends below a single expert.";
        String slower = "M = 7 converges no faster than M = 4.";
        if (d == null) {
            String why = problems.stream().filter(p -> p.startsWith("fig3")).findFirst()
                    .orElse("the Fig. 3 sweep did not run");
            out.add(Claim.notRun("fig3.m4-below-m1", fig, four, "G(M = 1) − G(M = 4), final", why));
            out.add(Claim.notRun("fig3.m7-below-m1", fig, seven, "G(M = 1) − G(M = 7), final", why));
            out.add(Claim.notRun("fig3.m7-no-faster", fig, slower, "G(M = 7) − G(M = 4) at T/2", why));
            return;
        }
        Map<String, String> ref = Map.of();
        out.add(Claim.judged("fig3.m4-below-m1", fig, four, "per seed, final G(M = 1) − final G(M = 4) (paired)",
                ">", 0.0, Estimate.of(paired(d, ref, 1, ref, 4, run -> d.fin(run, "G"), (a, b) -> a - b)), null));
        out.add(Claim.judged("fig3.m7-below-m1", fig, seven, "per seed, final G(M = 1) − final G(M = 7) (paired)",
                ">", 0.0, Estimate.of(paired(d, ref, 1, ref, 7, run -> d.fin(run, "G"), (a, b) -> a - b)), null));
        out.add(Claim.judged("fig3.m7-no-faster", fig, slower, "per seed, G(M = 7) − G(M = 4) at t = T/2 (paired)",
                ">", 0.0, Estimate.of(paired(d, ref, 7, ref, 4, run -> {
                    double[] g = metric(d.rows(run), "G");
                    return g[g.length / 2 - 1];
                }, (a, b) -> a - b)), "'no faster' is refuted only by an interval below 0; holds means slower"));
    }

    // ---------------------------------------------------------------------------------------------- checks

    static void theory(SweepData d, List<Claim> out) {
        for (String v : List.of("M=1", "M=4 paper")) {
            String id = "theory.gaussian." + v.replace(" ", "-");
            String statement = "The closed-form expectation of G given the routing (§6) equals the simulated mean "
                    + "(Gaussian features, " + v + ").";
            String stat = "per seed, mean of G over rounds T/2..T divided by the mean of G_theory there, minus 1";
            if (d == null) {
                out.add(Claim.notRun(id, "theory", statement, stat, "the theory sweep did not run"));
                continue;
            }
            out.add(Claim.judged(id, "theory", statement, stat, "within", 0.05,
                    Estimate.of(values(d, d.runs(Map.of("variant", v), null), run -> {
                        RunResult r = d.rows(run);
                        int t = r.rounds();
                        return r.mean("G", t / 2 + 1, t) / r.mean("G_theory", t / 2 + 1, t) - 1;
                    })), "equivalence within ±5%: holds when the whole interval is inside"));
        }
    }

    /**
     * The route of the authors' Fig. 2 script for M = 5 (with termination) after {@code np.random.seed(1)}, T = 2000:
     * the chosen expert of rounds 1..248 (0-based indices). From round 249 on the script and any other correct
     * implementation part: that gate never freezes, and rounding differences of 1e-16 in θ grow about tenfold every
     * 25 rounds (measured against an independent numpy implementation: 3e-16 after round 1, 1.4e-9 after 104,
     * 4e-4 after 247), so its later routes and final values are not reproducible by anything that does not repeat
     * numpy's and LAPACK's floating-point operations exactly.
     */
    static final String FIG2_SCRIPT_SEED1_M5_ROUTE = "4210330300000000000000000000000000000030333333303303300333"
            + "03300313033330030303030330333333033330333330000031013331330331133103313311310303313103101000311023"
            + "03310303330313301330102033321301301110100230002322323110032210222333330201003102230330301210";

    static void replays(SweepData f2, SweepData f45, List<Claim> out) {
        String s2 = "moecl replays the authors' Fig. 2 script number for number where its gate freezes (np.random"
                + ".seed(1), with termination, M = 1, 10, 20).";
        String stat2 = "largest relative difference of final F_ref, G_ref over M = 1, 10, 20";
        String s5 = "moecl replays the authors' Fig. 2 script draw for draw for M = 5, whose gate never freezes, "
                + "until rounding chaos parts them (round 249).";
        String stat5 = "rounds 1..248 whose chosen expert differs from the script's";
        if (f2 == null) {
            out.add(Claim.notRun("replay.fig2", "replay", s2, stat2, "the replay did not run"));
            out.add(Claim.notRun("replay.fig2.M5-route", "replay", s5, stat5, "the replay did not run"));
        } else {
            double worst = 0;
            for (int k = 0; k < FIG2_M.length; k++) {
                if (FIG2_M[k] == 5) {
                    continue;
                }
                List<SweepPlan.Run> runs = f2.runs(Map.of("variant", "stop"), FIG2_M[k]);
                worst = Math.max(worst, rel(runs.isEmpty() ? Double.NaN : f2.fin(runs.get(0), "F_ref"),
                        FIG2_SCRIPT_SEED1[0][k]));
                worst = Math.max(worst, rel(runs.isEmpty() ? Double.NaN : f2.fin(runs.get(0), "G_ref"),
                        FIG2_SCRIPT_SEED1[1][k]));
            }
            out.add(Claim.check("replay.fig2", "replay", s2, stat2, worst, 1e-9,
                    "pinv (numpy) against Cholesky (moecl) and 1-2 ulp in Gaussians leave ~1e-12"));
            List<SweepPlan.Run> m5 = f2.runs(Map.of("variant", "stop"), 5);
            double wrong = Double.POSITIVE_INFINITY;
            if (!m5.isEmpty()) {
                int[] e = f2.rows(m5.get(0)).expert();
                wrong = 0;
                for (int t = 0; t < FIG2_SCRIPT_SEED1_M5_ROUTE.length(); t++) {
                    wrong += e[t] != FIG2_SCRIPT_SEED1_M5_ROUTE.charAt(t) - '0' ? 1 : 0;
                }
            }
            out.add(Claim.check("replay.fig2.M5-route", "replay", s5, stat5, wrong, 0,
                    "the final values differ (script F_ref " + FIG2_SCRIPT_SEED1[0][1] + "): see the chaos note"));
        }
        String s45 = "moecl replays the authors' Fig. 4/5 script draw for draw, routing override included "
                + "(np.random.seed(3), 3 repeats).";
        String stat45 = "largest relative difference of the repeat-averaged final F_ref, G_ref over the thresholds";
        if (f45 == null) {
            out.add(Claim.notRun("replay.fig45", "replay", s45, stat45, "the replay did not run"));
            return;
        }
        double worst = 0;
        String[] e = {"e=0.75", "e=1.0", "e=1.25", "e=1.5"};
        for (int k = 0; k < e.length; k++) {
            List<SweepPlan.Run> runs = f45.runs(Map.of("variant", e[k]), null);
            double f = runs.size() == 3 ? runs.stream().mapToDouble(r -> f45.fin(r, "F_ref")).sum() / 3 : Double.NaN;
            double g = runs.size() == 3 ? runs.stream().mapToDouble(r -> f45.fin(r, "G_ref")).sum() / 3 : Double.NaN;
            worst = Math.max(worst, rel(f, FIG45_SCRIPT_SEED3[0][k]));
            worst = Math.max(worst, rel(g, FIG45_SCRIPT_SEED3[1][k]));
        }
        out.add(Claim.check("replay.fig45", "replay", s45, stat45, worst, 1e-9,
                "as for Fig. 2; the script's records, kept across repeats, are replayed"));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static final int FIG2_T = PaperReport.FIG2_T;

    private static String fmt2(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Least-squares slope of log y against log t over rounds {@code from..T} (1-based; positive y only). */
    static double slope(double[] y, int from) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int t = from; t <= y.length; t++) {
            if (y[t - 1] <= 0) {
                continue;
            }
            double x = Math.log(t);
            double v = Math.log(y[t - 1]);
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
            n++;
        }
        return n < 2 ? Double.NaN : (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private static double rel(double got, double want) {
        double r = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    private static double[] values(SweepData d, List<SweepPlan.Run> runs, ToDoubleFunction<SweepPlan.Run> f) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(runs.get(i));
        }
        return v;
    }

    /** The replicate a run belongs to: its seed and repeat. */
    private static String replicate(SweepPlan.Run run) {
        return run.spec().seed() + "/" + run.spec().labels().getOrDefault("repeat", "");
    }

    /** Per replicate present in both, {@code combine(f(a), f(b))}. */
    private static double[] paired(SweepData d, Map<String, String> la, Integer ma, Map<String, String> lb,
                                   Integer mb, ToDoubleFunction<SweepPlan.Run> f,
                                   java.util.function.DoubleBinaryOperator combine) {
        Map<String, SweepPlan.Run> b = new LinkedHashMap<>();
        for (SweepPlan.Run r : d.runs(lb, mb)) {
            b.put(replicate(r), r);
        }
        List<Double> out = new ArrayList<>();
        for (SweepPlan.Run r : d.runs(la, ma)) {
            SweepPlan.Run o = b.get(replicate(r));
            if (o != null) {
                out.add(combine.applyAsDouble(f.applyAsDouble(r), f.applyAsDouble(o)));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A metric's column of the run, round t at index t − 1 (the run's own array: read, never write). */
    static double[] metric(RunResult r, String name) {
        r.metric(name, 1); // an unknown metric is refused here, with the names there are
        return r.metrics().get(name);
    }
}
