package moecl.paper;

import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
import moecl.plugin.Variant;
import moecl.router.Router;

/** {@code paper}: the paper's noisy top-1 linear gate with Algorithm 1's stop rule; defaults are Fig. 2's. */
public final class PaperRouterFactory implements RouterFactory {

    /** {@code Γ = σ0^1.25} with the Fig. 2 value {@code σ0 = 0.4}. */
    public static final double FIG2_GAMMA = Math.pow(0.4, 1.25);

    // the parameters, declared once: the descriptor lists them and create() reads them through them
    static final Param ETA = Param.real("eta", 0.5).positive().doc("gate learning rate η");
    static final Param LAMBDA = Param.real("lambda", 0.3).nonNegative()
            .doc("exploration noise range λ: r_m ~ U[0, λ)");
    static final Param ALPHA = Param.real("alpha", 0.5).nonNegative()
            .doc("weight α of the auxiliary load-balancing loss");
    static final Param SOFTMAX = Param.choice("softmax", "noisy",
                    Variant.of("noisy", "π on the noisy outputs h + r (the reference scripts)"),
                    Variant.of("clean", "π on the clean outputs h (the paper)"))
            .doc("which outputs the softmax π sees");
    static final Param GRADIENT = Param.choice("gradient", "fig2",
                    Variant.of("exact", "the true gradient of L_loc + L_aux"),
                    Variant.of("fig2", "the Fig. 2 script's form"),
                    Variant.of("fig45", "the Fig. 4/5 and Fig. 3 scripts' form"))
            .doc("gradient form of the gate step");
    static final Param STOP = Param.choice("stop", "threshold",
                    Variant.of("never", "update the gate forever (no termination)"),
                    Variant.of("after", "update for a fixed number of rounds",
                            Param.integer("rounds", 100).nonNegative().doc("rounds with gate updates")),
                    Variant.of("threshold", "Algorithm 1: stop once every expert is within Γ of the winner",
                            Param.real("gamma", FIG2_GAMMA).nonNegative().doc("gap threshold Γ (σ0^1.25)"),
                            Param.integer("minRounds", 95).nonNegative().computedDefault("80 + 3M")
                                    .doc("never stop before this 0-based round"),
                            Param.bool("flagWinner", false).doc("flag the winner too (Fig. 3 script)"),
                            Param.bool("noisy", true).doc("measure gaps on h + r (true) or on h (false)")))
            .doc("when the gate stops updating");
    static final Param QUIRK = Param.choice("quirk", "none",
                    Variant.of("none", "plain routing"),
                    Variant.of("fig45", "Fig. 4/5 script: from round start, send a task to an idle expert "
                                    + "whose last task had the same type or type ± K",
                            Param.integer("start", 170).nonNegative().doc("0-based round the override starts"),
                            Param.integer("K", 3).min(1).doc("cluster count K of the type ± K rule"),
                            Param.integer("idleMin", 18).nonNegative().doc("smallest random idle threshold"),
                            Param.integer("idleMax", 24).nonNegative().doc("largest random idle threshold")))
            .doc("a reference script's routing override (off by default)");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "paper",
                "the paper's gate: noisy top-1 linear router, locality + load-balancing loss, stops per Algorithm 1",
                ETA, LAMBDA, ALPHA, SOFTMAX, GRADIENT, STOP, QUIRK);
    }

    /**
     * The gate θ (one array of M·d), its copy as M rows of d that the engine asks for at the end (expert sets), the
     * per-expert counters and flags and one round's M-vectors (outputs, noise, softmax).
     */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int m = ctx.experts();
        int d = ctx.generator().dimension();
        checkGate(m, d);
        long perExpert = Sizes.add(Sizes.times(7, Sizes.doubles(m)), Sizes.ints(m), Sizes.bytes(m));
        return Memory.of(Sizes.add(Sizes.doubles(Sizes.times(m, d)), Sizes.matrix(m, d), perExpert, 128), "M", "d");
    }

    /** θ is one array of M·d values. */
    static void checkGate(int m, int d) {
        Sizes.length((long) m * d, "paper: the gate's M·d (M=" + m + ", d=" + d + ")", java.util.List.of("M", "d"));
    }

    @Override
    public Router create(Params p, BuildContext ctx) {
        int m = ctx.experts();
        checkGate(m, ctx.generator().dimension());
        double eta = p.real(ETA);
        Params.Choice stopChoice = p.choice(STOP);
        StopRule stop = switch (stopChoice.variant()) {
            case "never" -> new StopRule.Never();
            case "after" -> new StopRule.After(stopChoice.params().integer("rounds"));
            case "threshold" -> {
                Params sp = stopChoice.params();
                long minRounds = ((Number) sp.resolve("minRounds", 80L + 3L * m)).longValue();
                yield new StopRule.Threshold(m, eta, sp.real("gamma"), minRounds, sp.bool("flagWinner"),
                        sp.bool("noisy"));
            }
            default -> throw new IllegalArgumentException("unknown stop rule " + stopChoice.variant());
        };
        GradientForm form = GradientForm.valueOf(p.choice(GRADIENT).variant().toUpperCase(java.util.Locale.ROOT));
        Params.Choice q = p.choice(QUIRK);
        PaperRouter.Quirk quirk = null;
        if (q.variant().equals("fig45")) {
            Params qp = q.params();
            if (qp.integer("idleMax") < qp.integer("idleMin")) {
                throw new IllegalArgumentException("paper: quirk idleMax (" + qp.integer("idleMax")
                        + ") must be >= idleMin (" + qp.integer("idleMin") + ")");
            }
            quirk = new PaperRouter.Quirk(qp.integer("start"), qp.int32("K"), qp.int32("idleMin"),
                    qp.int32("idleMax"));
        }
        PaperRouter.Records records = new PaperRouter.Records(m);
        if (quirk != null && ctx.unit() != null) {
            // a numpy-legacy replay of the Fig. 4/5 script: the records of this setting carry over between repeats
            String key = "paper.quirk.records|M=" + m + "|" + p;
            records = (PaperRouter.Records) ctx.unit().computeIfAbsent(key, k -> new PaperRouter.Records(m));
        }
        return new PaperRouter(m, ctx.generator().dimension(), eta, p.real(LAMBDA), p.real(ALPHA),
                p.choice(SOFTMAX).variant().equals("noisy"), form, stop, quirk, ctx.stream("router"), records);
    }
}
