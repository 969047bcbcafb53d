package moecl.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import moecl.engine.RunSpec;
import moecl.plugin.Params;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;

/**
 * The paper's experiments as run lists, exactly as the reference scripts set them up (paper.md §7).
 */
public final class Presets {

    /** The experiments {@code repro} knows. */
    public static final List<String> NAMES = List.of("fig2", "fig45");

    /** Fig. 2's numbers of experts, in the script's loop order. */
    public static final List<Integer> FIG2_M = List.of(1, 5, 10, 20);
    /** Fig. 4/5's threshold exponents e in Γ = 0.4^e. */
    public static final List<Double> FIG45_EXPONENTS = List.of(0.75, 1.0, 1.25, 1.5);

    private Presets() {
    }

    /**
     * Fig. 2: {@code clusters} with the Fig. 2 values, T = 2000, M ∈ {1, 5, 10, 20}, the {@code paper} router with
     * and without termination. One world per seed and variant; in numpy-legacy mode each variant replays the
     * script from {@code np.random.seed(S)}.
     */
    public static List<RunSpec> fig2(List<Long> seeds, RngKind rng, int rounds) {
        Component tasks = SpecParser.parseComponent("clusters");
        Component experts = SpecParser.parseComponent("minnorm");
        Component stop = SpecParser.parseComponent("paper(eta=0.5, alpha=0.5, lambda=0.3, gradient=fig2, softmax=noisy)");
        Component nostop = SpecParser.parseComponent(
                "paper(eta=0.5, alpha=0.5, lambda=0.3, gradient=fig2, softmax=noisy, stop=never)");
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            for (String variant : List.of("stop", "nostop")) {
                for (int m : FIG2_M) {
                    out.add(new RunSpec(tasks, experts, variant.equals("stop") ? stop : nostop, m, rounds, rng, seed,
                            Map.of("variant", variant, "world", variant)));
                }
            }
        }
        return out;
    }

    /**
     * Fig. 4/5: {@code clusters} with the Fig. 4/5 values, T = 500, M = 5, λ = 0.4, minRounds = 120, gradient
     * {@code fig45}, Γ = 0.4^e for each exponent, {@code repeats} repeats sharing one pool and one task sequence.
     * With {@code quirk}, thresholds e = 1.25 and 1.5 use the script's routing override from round 130 + 20k.
     */
    public static List<RunSpec> fig45(List<Long> seeds, RngKind rng, int rounds, int repeats, boolean quirk) {
        Component tasks = SpecParser.parseComponent(
                "clusters(s=8, N=30, K=3, sigma0=0.4, spread=0.004, c=5, noiseNorm=0.01, tinyScale=0.001, "
                        + "signalRowScale=0.0001, pool=fig45)");
        Component experts = SpecParser.parseComponent("minnorm");
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            for (int k = 0; k < FIG45_EXPONENTS.size(); k++) {
                double e = FIG45_EXPONENTS.get(k);
                double gamma = Math.pow(0.4, e);
                String q = quirk && e >= 1.25 ? ", quirk=fig45(start=" + (130 + 20 * k) + ", K=3)" : "";
                Component router = SpecParser.parseComponent("paper(eta=0.5, alpha=0.5, lambda=0.4, gradient=fig45, "
                        + "softmax=noisy, stop=threshold(gamma=" + Params.realText(gamma) + ", minRounds=120)" + q + ")");
                for (int rep = 0; rep < repeats; rep++) {
                    out.add(new RunSpec(tasks, experts, router, 5, rounds, rng, seed,
                            Map.of("variant", "e=" + e, "repeat", Integer.toString(rep))));
                }
            }
        }
        return out;
    }
}
