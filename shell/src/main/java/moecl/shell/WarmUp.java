package moecl.shell;

import java.util.List;
import java.util.Map;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;

/**
 * Warms the linear engine's hot code on a second core while the command line starts, and prepares the compression
 * of the result files there ({@link moecl.workbench.sweep.Columns#prepare}: about 100 ms of binding native code
 * that a command's first written run would otherwise wait for).
 *
 * <p>Why: a {@code run} or {@code repro} of the linear experiments is over in about a hundred milliseconds, most of
 * which passes before the JIT has compiled the round (generator, min-norm solve, gate, metrics); meanwhile start-up
 * (class loading, option parsing, binding the specs) keeps one core busy and leaves the other idle. A small private
 * run on that idle core ({@code clusters}, {@code minnorm}, {@code paper}, M = 20, 300 rounds, all metrics; nothing
 * shared, nothing written, its result dropped) has the kernels compiled by the time the real runs start. Results
 * cannot change: the warm-up owns every object and random stream it touches. Off with {@code -Dmoecl.warmup=false},
 * and on single-core machines, where it would only compete.
 *
 * <p>A run with large d (an argument {@code d=D} with D &ge; {@value moecl.linalg.kernels.Kernels#WIDE}, such as
 * {@code tasks="gaussian(d=500, s=50)"}) is warmed on a small run of the same structure instead: {@code gaussian}
 * tasks with d' = 64 + D mod 8 and s' = s up to 12, else 8 + s mod 4 (the wide kernels' loop tails and blocks take
 * the same branches as at D and s), {@code minnorm} experts and the {@code random} router. The d = 10 run would
 * compile the written-out d = 10 kernels and give the shared call sites (the solver's kernel, the generator's
 * labels, the metrics) type profiles the large run then contradicts; at d = 500, s = 50 the first 300 rounds took
 * 2–4 times a steady round's time without a fitting warm-up.
 */
final class WarmUp {

    static final int ROUNDS = 300;

    private WarmUp() {
    }

    /**
     * Starts the preparation of the result files' compression when the command writes or reads run folders
     * ({@link #touchesRunFolders}), and the warm-up when it is a linear {@code run} or {@code repro fig2|fig45}.
     */
    static void startFor(String[] args) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        if (touchesRunFolders(args)) {
            Thread t = new Thread(moecl.workbench.sweep.Columns::prepare, "moecl-prepare-columns");
            t.setDaemon(true);
            t.start();
        }
        if (Boolean.parseBoolean(System.getProperty("moecl.warmup", "true")) && linearRun(args)) {
            start(spec(args));
        }
    }

    /** The commands that never write or read a run folder (the others do, or may: the REPL, scripts). */
    private static final java.util.Set<String> NO_RUN_FOLDERS = java.util.Set.of("list", "describe", "theory",
            "bench", "help");

    /**
     * Whether the command writes or reads run folders, and is not an interactive session: anything but {@code list},
     * {@code describe}, {@code theory}, {@code bench}, {@code help}, the {@code --help}/{@code --version} options
     * and the REPL without {@code -c} (which prepares the compression itself, after its first prompt).
     */
    static boolean touchesRunFolders(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        String command = command(args);
        if ("shell".equals(command) || command == null && !java.util.Arrays.asList(args).contains("-c")) {
            return false; // an interactive session: the REPL prepares it once its first prompt is up (Repl)
        }
        return command == null || !NO_RUN_FOLDERS.contains(command);
    }

    /** The first argument that is not an option (nor {@code --plugin-path}'s value); null when there is none. */
    private static String command(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--plugin-path")) {
                i++;
            } else if (a.equals("-c")) {
                return null; // REPL commands follow
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Starts the warm-up thread unconditionally (tests) and returns it. */
    static Thread start() {
        return start(spec(new String[0]));
    }

    private static final java.util.regex.Pattern DIM =
            java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])d\\s*=\\s*([0-9]{1,9})(?![0-9])");
    private static final java.util.regex.Pattern SAMPLES =
            java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])s\\s*=\\s*([0-9]{1,9})(?![0-9])");

    /**
     * The warm-up's run for these arguments: the small large-d run when an argument sets d to
     * {@value moecl.linalg.kernels.Kernels#WIDE} or more (the largest such d; s as given, else gaussian's default 5),
     * else the d = 10 paper run.
     */
    static RunSpec spec(String[] args) {
        int[] ds = shape(String.join(" ", args));
        int d = ds[0];
        int s = ds[1];
        if (d < moecl.linalg.kernels.Kernels.WIDE) {
            return new RunSpec(SpecParser.parseComponent("clusters"), SpecParser.parseComponent("minnorm"),
                    SpecParser.parseComponent("paper(stop=never)"), 20, ROUNDS, RngKind.FAST, 0, Map.of());
        }
        int ws = s <= 12 ? Math.max(1, s) : 8 + s % 4;
        int wd = 64 + d % 8;
        return new RunSpec(SpecParser.parseComponent("gaussian(d=" + wd + ", s=" + ws + ", N=2)"),
                SpecParser.parseComponent("minnorm"), SpecParser.parseComponent("random"), 2, WIDE_ROUNDS,
                RngKind.FAST, 0, Map.of());
    }

    /** The largest {@code d=} in the arguments (-1 if none) and the first {@code s=} (gaussian's default 5). */
    private static int[] shape(String all) {
        int d = -1;
        for (java.util.regex.Matcher m = DIM.matcher(all); m.find(); ) {
            d = Math.max(d, Integer.parseInt(m.group(1)));
        }
        java.util.regex.Matcher m = SAMPLES.matcher(all);
        return new int[] {d, m.find() ? Integer.parseInt(m.group(1)) : 5};
    }

    /** Rounds of the large-d warm-up: enough for the JIT to compile its loops, short beside the run it serves. */
    static final int WIDE_ROUNDS = 3000;

    static Thread start(RunSpec spec) {
        Thread t = new Thread(() -> run(spec), "moecl-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    static boolean linearRun(String[] args) {
        String command = command(args);
        if (!"run".equals(command) && !"repro".equals(command)) {
            return false;
        }
        String all = String.join(" ", args);
        return !(all.contains("fig3") || all.contains("mnist") || all.contains("lenet") || all.contains("mlp"));
    }

    /** Runs the warm-up; false when it could not run (which only means a colder start). */
    static boolean run(RunSpec spec) {
        try {
            Sweep.run(Registry.standard(), List.of(spec), 1, RunEngine.Progress.NONE);
            return true;
        } catch (RuntimeException | LinkageError ignored) {
            return false;
        }
    }
}
