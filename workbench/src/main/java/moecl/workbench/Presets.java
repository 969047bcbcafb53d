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
    public static final List<String> NAMES = List.of("fig2", "fig45", "fig3");

    /** Fig. 2's numbers of experts, in the script's loop order. */
    public static final List<Integer> FIG2_M = List.of(1, 5, 10, 20);
    /** Fig. 4/5's threshold exponents e in Γ = 0.4^e. */
    public static final List<Double> FIG45_EXPONENTS = List.of(0.75, 1.0, 1.25, 1.5);

    /** Fig. 3's numbers of experts. */
    public static final List<Integer> FIG3_M = List.of(1, 4, 7);
    /** Fig. 3's gate threshold Γ = σ0^1.25 with σ0 = 0.05. */
    public static final double FIG3_GAMMA = Math.pow(0.05, 1.25);

    /**
     * The sizes of a Fig. 3 run that {@code repro fig3 --set KEY=VALUE} may change.
     *
     * @param rounds T (60)
     * @param steps  SGD steps per learned task (600)
     * @param train  training images per arrival (100)
     * @param test   test images per arrival (1000)
     * @param ms     the numbers of experts (1, 4, 7)
     * @param expert the expert component name ({@code lenet})
     * @param data   the MNIST folder, or null for the search path ($MOECL_DATA, ~/.moecl/data/mnist)
     * @param lr     the experts' SGD learning rate (0.1)
     * @param eta    the gate's learning rate η (0.3); with fewer rounds a larger η keeps T / T1 = T η / M, the
     *               number of rounds after the gate has had time to specialise, as in the paper's run
     * @param alpha  the load-balancing weight α (0.3)
     */
    public record Fig3(int rounds, int steps, int train, int test, List<Integer> ms, String expert, String data,
                       double lr, double eta, double alpha) {

        /** The keys {@link #with} accepts. */
        public static final String KEYS = "T, steps, train, test, M, expert, lr, eta, alpha, data";

        /** The paper's sizes. */
        public static Fig3 paper() {
            return new Fig3(60, 600, 100, 1000, FIG3_M, "lenet", null, 0.1, 0.3, 0.3);
        }

        /**
         * A copy with one key changed: {@code T}, {@code steps}, {@code train}, {@code test}, {@code M} (a list such
         * as {@code [1,4]} or {@code 1,4}), {@code expert} ({@code lenet} or {@code mlp}), {@code lr}, {@code eta},
         * {@code alpha}, {@code data}.
         */
        public Fig3 with(String key, String value) {
            String v = value.trim();
            return switch (key) {
                case "T" -> new Fig3(positive(key, v), steps, train, test, ms, expert, data, lr, eta, alpha);
                case "steps" -> new Fig3(rounds, positive(key, v), train, test, ms, expert, data, lr, eta, alpha);
                case "train" -> new Fig3(rounds, steps, positive(key, v), test, ms, expert, data, lr, eta, alpha);
                case "test" -> new Fig3(rounds, steps, train, positive(key, v), ms, expert, data, lr, eta, alpha);
                case "M" -> {
                    String body = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
                    List<Integer> list = new ArrayList<>();
                    for (String part : body.split(",")) {
                        list.add(positive(key, part.trim()));
                    }
                    yield new Fig3(rounds, steps, train, test, List.copyOf(list), expert, data, lr, eta, alpha);
                }
                case "expert" -> {
                    if (!v.equals("lenet") && !v.equals("mlp")) {
                        throw new IllegalArgumentException(
                                "fig3 expert '" + v + "' is not allowed; allowed: lenet, mlp");
                    }
                    yield new Fig3(rounds, steps, train, test, ms, v, data, lr, eta, alpha);
                }
                case "lr" -> new Fig3(rounds, steps, train, test, ms, expert, data, real(key, v, false), eta, alpha);
                case "eta" -> new Fig3(rounds, steps, train, test, ms, expert, data, lr, real(key, v, false), alpha);
                case "alpha" -> new Fig3(rounds, steps, train, test, ms, expert, data, lr, eta, real(key, v, true));
                case "data" -> new Fig3(rounds, steps, train, test, ms, expert, v, lr, eta, alpha);
                default -> throw new IllegalArgumentException("fig3 has no key '" + key + "'; keys: " + KEYS);
            };
        }

        private static double real(String key, String v, boolean zeroAllowed) {
            double x;
            try {
                x = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fig3 " + key + "=" + v + " is not a number");
            }
            if (!Double.isFinite(x) || (zeroAllowed ? x < 0 : !(x > 0))) {
                throw new IllegalArgumentException("fig3 " + key + "=" + v + " is out of range; allowed: "
                        + (zeroAllowed ? ">= 0" : "> 0"));
            }
            return x;
        }

        private static int positive(String key, String v) {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fig3 " + key + "=" + v + " is not an integer");
            }
            if (n < 1) {
                throw new IllegalArgumentException("fig3 " + key + "=" + v + " is out of range; allowed: >= 1");
            }
            return n;
        }
    }

    /**
     * Fig. 3 (MNIST): {@code mnist} one-vs-rest tasks for digits 1, 4, 7 (100 train / 1000 test images per
     * arrival, sliced per expert, reference gate features), LeNet experts (lr 0.1, 600 full-batch steps, MSE,
     * reset to one shared initial state when chosen), the {@code paper} router with λ = 0.005, η = α = 0.3,
     * gradient {@code fig45}, stop when every expert (the winner included) has had a noisy gap below
     * Γ = 0.05^1.25, no minimum; T = 60, M ∈ {1, 4, 7}, one world (permutation and task sequence) per seed.
     */
    public static List<RunSpec> fig3(List<Long> seeds, RngKind rng, Fig3 size) {
        String data = size.data() == null || size.data().isBlank() ? ""
                : ", data=" + Params.valueText(size.data());
        Component tasks = SpecParser.parseComponent("mnist(digits=[1,4,7], train=" + size.train() + ", test="
                + size.test() + data + ")");
        Component experts = SpecParser.parseComponent(size.expert() + "(lr=" + Params.realText(size.lr())
                + ", steps=" + size.steps() + ", batch=" + size.train() + ", loss=mse, reset=shared-init)");
        Component router = SpecParser.parseComponent("paper(lambda=0.005, eta=" + Params.realText(size.eta())
                + ", alpha=" + Params.realText(size.alpha()) + ", gradient=fig45, "
                + "softmax=noisy, stop=threshold(gamma=" + Params.realText(FIG3_GAMMA)
                + ", minRounds=0, flagWinner=true))");
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            for (int m : size.ms()) {
                out.add(new RunSpec(tasks, experts, router, m, size.rounds(), rng, seed,
                        Map.of("variant", "ref", "world", "fig3")));
            }
        }
        return out;
    }

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
        Component stop =
                SpecParser.parseComponent("paper(eta=0.5, alpha=0.5, lambda=0.3, gradient=fig2, softmax=noisy)");
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
     * With {@code quirk}, thresholds e = 1.25 and 1.5 use the script's routing override from round 130 + 20k
     * (paper.md §7), whose records a numpy-legacy replay keeps across repeats as the script does.
     */
    public static List<RunSpec> fig45(List<Long> seeds, RngKind rng, int rounds, int repeats, boolean quirk) {
        Component tasks = SpecParser.parseComponent(
                "clusters(s=8, N=30, K=3, sigma0=0.4, spread=0.004, c=5, noiseNorm=0.01, tinyScale=0.001, "
                        + "signalRowScale=0.0001, pool=fig45)");
        Component experts = SpecParser.parseComponent("minnorm");
        List<Component> routers = new ArrayList<>();
        for (int k = 0; k < FIG45_EXPONENTS.size(); k++) {
            double e = FIG45_EXPONENTS.get(k);
            double gamma = Math.pow(0.4, e);
            String q = quirk && e >= 1.25 ? ", quirk=fig45(start=" + (130 + 20 * k) + ", K=3)" : "";
            routers.add(SpecParser.parseComponent("paper(eta=0.5, alpha=0.5, lambda=0.4, gradient=fig45, "
                    + "softmax=noisy, stop=threshold(gamma=" + Params.realText(gamma) + ", minRounds=120)" + q + ")"));
        }
        // the script's loops: repeat outer, threshold inner (the order a numpy-legacy replay consumes its stream)
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            for (int rep = 0; rep < repeats; rep++) {
                for (int k = 0; k < FIG45_EXPONENTS.size(); k++) {
                    out.add(new RunSpec(tasks, experts, routers.get(k), 5, rounds, rng, seed,
                            Map.of("variant", "e=" + FIG45_EXPONENTS.get(k), "repeat", Integer.toString(rep))));
                }
            }
        }
        return out;
    }
}
