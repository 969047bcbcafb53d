package moecl.shell;

import java.util.List;
import java.util.Map;

import moecl.engine.Engine;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;

/**
 * Warms the linear engine's hot code on a second core while the command line starts.
 *
 * <p>Why: a {@code run} or {@code repro} of the linear experiments is over in about a hundred milliseconds, most of
 * which passes before the JIT has compiled the round (generator, min-norm solve, gate, metrics); meanwhile start-up
 * (class loading, option parsing, binding the specs) keeps one core busy and leaves the other idle. A small private
 * run on that idle core ({@code clusters}, {@code minnorm}, {@code paper}, M = 20, 300 rounds, all metrics; nothing
 * shared, nothing written, its result dropped) has the kernels compiled by the time the real runs start. Results
 * cannot change: the warm-up owns every object and random stream it touches. Off with {@code -Dmoecl.warmup=false},
 * and on single-core machines, where it would only compete.
 */
final class WarmUp {

    static final int ROUNDS = 300;

    private WarmUp() {
    }

    /** Starts the warm-up when the command is a linear {@code run} or {@code repro fig2|fig45}. */
    static void startFor(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty("moecl.warmup", "true"))
                || Runtime.getRuntime().availableProcessors() < 2 || !linearRun(args)) {
            return;
        }
        start();
    }

    /** Starts the warm-up thread unconditionally (tests) and returns it. */
    static Thread start() {
        Thread t = new Thread(WarmUp::run, "moecl-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    static boolean linearRun(String[] args) {
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugin-path")) {
                i++;
            } else if (!a.startsWith("-")) {
                command = a;
                break;
            }
        }
        if (!"run".equals(command) && !"repro".equals(command)) {
            return false;
        }
        String all = String.join(" ", args);
        return !(all.contains("fig3") || all.contains("mnist") || all.contains("lenet") || all.contains("mlp"));
    }

    private static void run() {
        try {
            RunSpec spec = new RunSpec(SpecParser.parseComponent("clusters"), SpecParser.parseComponent("minnorm"),
                    SpecParser.parseComponent("paper(stop=never)"), 20, ROUNDS, RngKind.FAST, 0, Map.of());
            Sweep.run(Registry.standard(), List.of(spec), 1, Engine.Progress.NONE);
        } catch (RuntimeException | LinkageError ignored) {
            // a warm-up that cannot run only means a colder start
        }
    }
}
