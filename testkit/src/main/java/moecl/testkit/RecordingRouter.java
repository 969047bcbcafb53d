package moecl.testkit;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * The router as a test run's engine sees it: passes every call on, checks each decision
 * ({@link Rule#DECISIONS_IN_RANGE}, {@link Rule#FINITE_OUTPUTS}) and the chosen expert's report, checks the task
 * after each call ({@link Rule#NO_TASK_MUTATION}) and records decisions and reports in the run's {@link Trace}.
 */
final class RecordingRouter implements Router {

    /** How far the probabilities of a decision may add up away from 1. */
    static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    private final Router inner;
    private final String router;
    private final String experts;
    private final int m;
    private final GuardedGenerator tasks;
    private final Trace trace;

    /**
     * @param router  the router as messages name it ({@code router 'x'})
     * @param experts the experts as messages name them ({@code expert 'y'})
     * @param m       the number of experts
     */
    RecordingRouter(Router inner, String router, String experts, int m, GuardedGenerator tasks, Trace trace) {
        this.inner = inner;
        this.router = router;
        this.experts = experts;
        this.m = m;
        this.tasks = tasks;
        this.trace = trace;
    }

    @Override
    public Decision route(Task task) {
        Decision d = inner.route(task);
        tasks.verify(router + " (in route)");
        int t = task.round();
        check(t, d);
        String at = "round " + t + ": ";
        trace.integer(at + "chosen expert", d.expert());
        trace.array(at + "other experts", d.others());
        trace.array(at + "gate outputs", d.gate());
        trace.array(at + "noisy outputs", d.noisy());
        trace.array(at + "probabilities", d.probs());
        return d;
    }

    private void check(int t, Decision d) {
        String at = "at round " + t + " ";
        if (d == null) {
            throw violation(at + "route() returned null");
        }
        if (d.expert() < 0 || d.expert() >= m) {
            throw violation(at + "it chose expert " + d.expert() + ", but there are " + m + " experts (0.." + (m - 1)
                    + ")");
        }
        int[] others = d.others();
        if (others != null) {
            for (int k = 0; k < others.length; k++) {
                int o = others[k];
                if (o < 0 || o >= m) {
                    throw violation(at + "it named expert " + o + " among the others, but there are " + m
                            + " experts (0.." + (m - 1) + ")");
                }
                if (o == d.expert()) {
                    throw violation(at + "it named expert " + o + " both as its choice and among the others");
                }
                for (int j = 0; j < k; j++) {
                    if (others[j] == o) {
                        throw violation(at + "it named expert " + o + " twice among the others");
                    }
                }
            }
        }
        vector(t, "gate outputs", d.gate());
        vector(t, "noisy outputs", d.noisy());
        double[] p = d.probs();
        vector(t, "probabilities", p);
        if (p != null) {
            double sum = 0;
            for (int e = 0; e < p.length; e++) {
                if (p[e] < 0 || p[e] > 1) {
                    throw violation(at + "the probability of expert " + e + " is " + p[e] + ", outside [0, 1]");
                }
                sum += p[e];
            }
            if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                throw violation(at + "the probabilities add up to " + sum + ", not 1");
            }
        }
    }

    private void vector(int t, String what, double[] v) {
        if (v == null) {
            return;
        }
        if (v.length != m) {
            throw violation("at round " + t + " its " + what + " have " + v.length + " values for " + m + " experts");
        }
        String bad = Arrays2.nonFinite(v);
        if (bad != null) {
            throw new ContractViolation(Rule.FINITE_OUTPUTS, router, "at round " + t + " its " + what + bad);
        }
    }

    private ContractViolation violation(String detail) {
        return new ContractViolation(Rule.DECISIONS_IN_RANGE, router, detail);
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        tasks.verify(experts + " (in learn)");
        int t = task.round();
        if (report == null) {
            throw new ContractViolation(Rule.DEFAULTS, experts, "learn() returned no report (null) at round " + t);
        }
        if (!Double.isFinite(report.moved()) || !Double.isFinite(report.loss())) {
            throw new ContractViolation(Rule.FINITE_OUTPUTS, experts, "at round " + t + " the chosen expert reported "
                    + "moved=" + report.moved() + ", loss=" + report.loss());
        }
        trace.real("round " + t + ": report moved", report.moved());
        trace.real("round " + t + ": report loss", report.loss());
        inner.learn(task, decision, report);
        tasks.verify(router + " (in learn)");
    }

    @Override
    public boolean frozen() {
        return inner.frozen();
    }

    @Override
    public double[][] gateWeights() {
        return inner.gateWeights();
    }
}
