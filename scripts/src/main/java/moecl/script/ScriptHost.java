package moecl.script;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import moecl.plugin.Registry;
import moecl.script.sandbox.SandboxFileSystem;

/**
 * Runs JavaScript and Python scripts against the workbench through GraalVM polyglot.
 *
 * <h2>Public API (command line, REPL)</h2>
 * <ul>
 *   <li>{@link #runFile(Path, Map)}: runs {@code FILE.js} or {@code FILE.py} in a fresh, sandboxed context with
 *       {@code --set} overrides; returns an {@link Outcome}, throws {@link ScriptException} (one line,
 *       {@code FILE:LINE: message}) on any error.</li>
 *   <li>{@link #eval(String, String)}: evaluates a snippet ({@code "js"} or {@code "python"}) in a context kept per
 *       language for the life of the host (REPL {@code :js}, {@code :py}); returns the value as display text.</li>
 *   <li>{@link #cancel()}: stops whatever is running (Ctrl-C); {@link #close()} ends the REPL contexts.</li>
 * </ul>
 * One polyglot {@link Engine} is shared by the whole process ({@link #sharedEngine()}); every script run gets a new
 * {@link Context}; a Python context is created only when Python is first used (it is the costliest step of
 * a Python script; BENCHMARKS.md has its start-up time).
 *
 * <h2>The {@code moecl} object</h2>
 * {@code run(spec)}, {@code sweep(spec, grid)}, {@code repro(name, options)}, {@code load(folder)}, {@code seed(n)},
 * {@code theory(spec)},
 * {@code plot(options)}, {@code writeCsv(path, table)}, {@code log(...)}, {@code param(name, default)},
 * {@code params(defaults)}, {@code plugins(kind)}, {@code describe(name)}, {@code registerRouter/Expert/Generator
 * (name, object[, options])}, {@code unregister(kind, name)}, {@code average(arrays)}, {@code linalg}; see
 * {@link MoeclApi} and {@code scripts/README.md}.
 *
 * <h2>Sandbox</h2>
 * Scripts see the {@code moecl} object and their language's standard library only: no host class lookup, no
 * processes, threads, native code, environment or polyglot access; files only inside the working directory, the
 * runs folder and any {@code --allow-io} folder ({@link SandboxFileSystem}, which host-side writes by
 * {@code plot} and {@code writeCsv} also obey). A watchdog stops a script after {@link Options#timeout()}.
 */
public final class ScriptHost implements AutoCloseable {

    /**
     * Where a script may work.
     *
     * @param workDir  the working directory (relative paths resolve against it; readable, not writable)
     * @param runsRoot where run folders go (readable and writable)
     * @param allowIo  further folders scripts may read and write
     * @param timeout  stop a script after this long, or {@code null} for no limit
     */
    public record Options(Path workDir, Path runsRoot, List<Path> allowIo, Duration timeout) {
        public Options {
            workDir = workDir.toAbsolutePath().normalize();
            runsRoot = (runsRoot.isAbsolute() ? runsRoot : workDir.resolve(runsRoot)).normalize();
            allowIo = List.copyOf(allowIo);
        }

        /** The current directory, {@code runs/} under it, nothing else, no time limit. */
        public static Options defaults() {
            Path cwd = Path.of("").toAbsolutePath();
            return new Options(cwd, cwd.resolve("runs"), List.of(), null);
        }

        public Options withRunsRoot(Path root) {
            return new Options(workDir, root, allowIo, timeout);
        }

        public Options withAllowIo(List<Path> paths) {
            return new Options(workDir, runsRoot, paths, timeout);
        }

        public Options withTimeout(Duration t) {
            return new Options(workDir, runsRoot, allowIo, t);
        }
    }

    /**
     * A finished script.
     *
     * @param file        the script
     * @param language    {@code js} or {@code python}
     * @param params      the parameters the script declared, with the values in force
     * @param folders     run folders the script wrote
     * @param startMillis creating and initialising the language context
     * @param runMillis   running the script
     */
    public record Outcome(Path file, String language, Map<String, Object> params, List<Path> folders,
                          double startMillis, double runMillis) {
    }

    private static final Object ENGINE_LOCK = new Object();
    private static Engine engine;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "moecl-script-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Registry registry;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Options options;
    private final SandboxFileSystem fs;
    private final Map<String, Interactive> interactive = new HashMap<>();
    private volatile Context running;
    private volatile Thread runningThread;
    /**
     * Why the running script was asked to stop, set once per run by the first request: a timeout that fired stays
     * the reason even when a Ctrl-C (or the cancellation its own stop causes) arrives while the script unwinds.
     */
    private final java.util.concurrent.atomic.AtomicReference<Stop> stopped =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * A request to stop the running script: its reason as the message shows it, whether it was the timeout, and
     * when it was made ({@link System#nanoTime()}).
     */
    public record Stop(String reason, boolean timeout, long nanoTime) {
    }

    public ScriptHost(Registry registry, PrintWriter out, PrintWriter err, Options options) {
        this.registry = registry;
        this.out = out;
        this.err = err;
        this.options = options;
        Path work = options.workDir().toAbsolutePath().normalize();
        Path runs = options.runsRoot().toAbsolutePath().normalize();
        if (work.startsWith(runs)) {
            // the runs folder is writable: one that holds the working directory would make it writable too
            throw new IllegalArgumentException("the runs folder " + runs + " contains the working directory " + work
                    + ", which scripts may only read; give --out a folder inside or beside it");
        }
        List<Path> roots = new ArrayList<>();
        roots.add(options.workDir());
        roots.add(options.runsRoot());
        roots.addAll(options.allowIo());
        this.fs = new SandboxFileSystem(options.workDir(), roots, writeRoots());
    }

    /** The folders a script may write: the run folders and the {@code --allow-io} folders. */
    List<Path> writeRoots() {
        List<Path> w = new ArrayList<>();
        w.add(options.runsRoot());
        w.addAll(options.allowIo());
        return w;
    }

    /** The process-wide polyglot engine (created on first use; code is shared between contexts). */
    public static Engine sharedEngine() {
        synchronized (ENGINE_LOCK) {
            if (engine == null) {
                // polyglot closes the engine at VM shutdown itself
                engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
            }
            return engine;
        }
    }

    /** {@code js} for {@code .js}/{@code .mjs}, {@code python} for {@code .py}. */
    public static String language(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs")) {
            return "js";
        }
        if (n.endsWith(".py")) {
            return "python";
        }
        throw new IllegalArgumentException("cannot tell the language of " + file
                + "; scripts end in .js (JavaScript) or .py (Python)");
    }

    /** {@code js}, {@code javascript} → js; {@code py}, {@code python} → python. */
    public static String languageId(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "js", "javascript" -> "js";
            case "py", "python" -> "python";
            default -> throw new IllegalArgumentException("unknown script language '" + name
                    + "'; allowed: js, python");
        };
    }

    Registry registry() {
        return registry;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Path runsRoot() {
        return options.runsRoot();
    }

    SandboxFileSystem fileSystem() {
        return fs;
    }

    /** Runs a script file in a fresh context. */
    public Outcome runFile(Path file, Map<String, String> overrides) {
        String lang = language(file);
        String code;
        try {
            code = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScriptException("cannot read script " + file + ": " + e.getMessage(), false, e);
        }
        String name = file.toString();
        ScriptRun run = new ScriptRun(this, file.getFileName().toString().replaceAll("\\.[^.]*$", ""), overrides);
        run.sourceName = name;
        Path dir = file.toAbsolutePath().normalize().getParent();
        long t0 = System.nanoTime();
        fs.scriptDir(lang.equals("python") ? dir : null);
        Context c;
        try {
            c = ScriptContexts.create(lang, run, out, err, fs);
            if (lang.equals("python") && dir != null) {
                c.getBindings(lang).getMember("_moecl_script_dir").execute(dir.toString());
            }
        } catch (RuntimeException e) {
            fs.scriptDir(null);
            throw e;
        }
        double start;
        ScheduledFuture<?> watchdog = null;
        stopped.set(null);
        fs.clearDenied();
        try {
            c.initialize(lang);
            start = (System.nanoTime() - t0) / 1e6;
            running = c;
            runningThread = Thread.currentThread();
            if (options.timeout() != null) {
                Duration t = options.timeout();
                watchdog = WATCHDOG.schedule(() -> stop("stopped after " + seconds(t) + " (--timeout)", true),
                        t.toMillis(), TimeUnit.MILLISECONDS);
            }
            long t1 = System.nanoTime();
            c.eval(Source.newBuilder(lang, code, name).buildLiteral());
            run.checkOverrides();
            run.checkUnused();
            double ran = (System.nanoTime() - t1) / 1e6;
            return new Outcome(file, lang, run.declared(), List.copyOf(run.folders()), start, ran);
        } catch (PolyglotException e) {
            if (e.isExit() && e.getExitStatus() == 0 && stopped.get() == null) { // sys.exit(0): a normal end
                run.checkOverrides();
                return new Outcome(file, lang, run.declared(), List.copyOf(run.folders()), 0, 0);
            }
            if (e.isSyntaxError() && lang.equals("python") && stopped.get() == null) {
                ScriptException se = ScriptContexts.indentation(e, c, code, name);
                if (se != null) {
                    throw se;
                }
            }
            throw translate(e, name, run);
        } catch (IllegalArgumentException e) {
            throw new ScriptException(name + ": " + e.getMessage(), false, e);
        } catch (RuntimeException e) {
            Stop s = stopped.get();
            if (s != null) { // what a stop did to the context (closed before eval, say) is the stop
                throw stoppedException(name, s, e);
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            running = null;
            runningThread = null;
            Thread.interrupted(); // a stop may have interrupted this thread
            fs.scriptDir(null);
            run.unregisterAll();
            if (lang.equals("python") && stopped.get() == null) {
                flushPython(c);
            }
            closeContext(c, stopped.get() == null);
        }
    }

    /** How long a script's exit (Python's {@code atexit} handlers) may take before its context is cancelled. */
    static final int EXIT_GRACE_SECONDS = 5;

    /**
     * Closes a script's context. A script that ended by itself is closed as its interpreter would exit: Python
     * runs its {@code atexit} handlers and flushes and closes the files the script left open (cancelling the
     * context lost what such files still buffered: {@code open(p, "w").write(s)} left an empty file). A stopped
     * script, or one whose exit fails, is cancelled.
     */
    private static void closeContext(Context c, boolean graceful) {
        if (graceful) {
            // an exit handler that never returns must not outlive the script: cancelled after a grace period
            ScheduledFuture<?> limit = WATCHDOG.schedule(() -> closeQuietly(c), EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
            try {
                c.close(false);
                return;
            } catch (RuntimeException | AssertionError e) {
                // still running somewhere, cancelled by the limit, or already closed: cancel below (with -ea,
                // Truffle asserts while it words the exception of an exit cancelled from another thread)
            } finally {
                limit.cancel(false);
            }
        }
        closeQuietly(c); // cancelled (a no-op when a stop closed it already)
    }

    /** Python buffers print(): flush it before the context goes, also after an error. */
    private static void flushPython(Context c) {
        try {
            c.eval("python", "import sys\nsys.stdout.flush()\nsys.stderr.flush()");
        } catch (RuntimeException ignored) {
            // the context is unusable; nothing more to show
        }
    }

    /** Evaluates code in the session's persistent context of that language; returns the result as text. */
    public String eval(String language, String code) {
        String lang = languageId(language);
        Interactive it;
        synchronized (interactive) {
            it = interactive.get(lang);
            if (it == null) {
                ScriptRun run = new ScriptRun(this, "<" + lang + ">", Map.of());
                it = new Interactive(ScriptContexts.create(lang, run, out, err, fs), run);
                interactive.put(lang, it);
            }
        }
        stopped.set(null);
        fs.clearDenied();
        running = it.context;
        runningThread = Thread.currentThread();
        try {
            Value v = it.context.eval(Source.newBuilder(lang, code, "<" + lang + ">").buildLiteral());
            if (lang.equals("python")) {
                flushPython(it.context);
            }
            if (v == null || v.isNull()) {
                return "";
            }
            if (lang.equals("python") && v.getMetaObject() != null
                    && "module".equals(v.getMetaObject().getMetaSimpleName())) {
                return ""; // a statement (print(...), assignments) evaluates to the module itself
            }
            if (v.isString()) {
                return v.asString();
            }
            // host values as the script writes them ([1, 2], {F: 0.1}, arrays as numpy prints them)
            Mat py = lang.equals("python") && v.hasArrayElements() ? Convert.pythonArray(v) : null;
            return py != null ? py.toString() : v.isHostObject() || v.isProxyObject() ? Convert.displayCompact(v)
                    : v.toString();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isExit()) { // the context is gone (sys.exit in :py): the next use starts anew
                synchronized (interactive) {
                    interactive.remove(lang);
                    it.run.unregisterAll();
                }
            }
            throw translate(e, "<" + lang + ">", it.run);
        } catch (IllegalArgumentException e) {
            throw new ScriptException("<" + lang + ">: " + e.getMessage(), false, e);
        } finally {
            running = null;
            runningThread = null;
            Thread.interrupted();
        }
    }

    /** Stops the script or snippet that is running, if any (Ctrl-C). */
    public void cancel() {
        stop("cancelled", false);
    }

    /** Why the running (or last) script was asked to stop, or {@code null} if it was not. */
    public Stop stopRequest() {
        return stopped.get();
    }

    private void stop(String reason, boolean timeout) {
        Context c = running;
        if (c == null) {
            return;
        }
        // the first request is the reason, recorded before the interrupt and the cancellation it causes: a Ctrl-C
        // after the timeout fired (or a cancellation that the timeout's own close surfaces) cannot turn a timeout
        // into "cancelled", nor the other way round
        stopped.compareAndSet(null, new Stop(reason, timeout, System.nanoTime()));
        Thread t = runningThread;
        if (t != null) {
            t.interrupt(); // stops a long run inside the engine (checked every 1024 rounds)
        }
        if (timeout) {
            // the watchdog is shared by every host: a script stuck in host code must not hold it up while its
            // context waits to close
            Thread closer = new Thread(() -> closeQuietly(c), "moecl-script-close");
            closer.setDaemon(true);
            closer.start();
        } else {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Context c) {
        try {
            c.close(true);
        } catch (RuntimeException ignored) {
            // the context is going away either way
        }
    }

    /** The error of a script that was stopped: the reason of the first request, and whether it was the timeout. */
    private static ScriptException stoppedException(String sourceName, Stop s, Throwable cause) {
        return new ScriptException(sourceName + ": " + s.reason(), true, s.timeout(), cause);
    }

    /** Closes the REPL contexts and removes the plugins they registered. */
    @Override
    public void close() {
        synchronized (interactive) {
            for (Interactive it : interactive.values()) {
                it.run.unregisterAll();
                try {
                    it.context.close(true);
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
            }
            interactive.clear();
        }
    }

    private record Interactive(Context context, ScriptRun run) {
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private ScriptException translate(PolyglotException e, String sourceName, ScriptRun run) {
        Stop s = stopped.get();
        if (s != null) {
            return stoppedException(sourceName, s, e);
        }
        if (e.isCancelled() || (e.isHostException() && e.asHostException() instanceof CancellationException)) {
            return new ScriptException(sourceName + ": cancelled", true, e);
        }
        if (e.isExit()) {
            return e.getExitStatus() == 0 ? new ScriptException(sourceName + ": exited with status 0", false, e)
                    : new ScriptException(sourceName + ": exited with status " + e.getExitStatus(),
                    e.getExitStatus(), e);
        }
        String msg;
        if (e.isHostException()) {
            Throwable h = e.asHostException();
            msg = h instanceof IllegalArgumentException || h instanceof UncheckedIOException ? h.getMessage()
                    : h instanceof SecurityException && String.valueOf(h.getMessage()).startsWith("moecl sandbox")
                    ? h.getMessage()
                    : h instanceof SecurityException && String.valueOf(h.getMessage()).contains("Process creation")
                    ? "moecl sandbox: scripts may not start processes"
                    : h instanceof SecurityException ? "moecl sandbox: " + h.getMessage()
                    : ScriptErrors.hostError(h);
        } else {
            msg = ScriptErrors.sandboxWords(e.getMessage());
        }
        msg = ScriptErrors.guestNames(msg);
        if (msg == null || msg.isBlank()) {
            msg = e.isSyntaxError() ? "syntax error" : "error";
        }
        if (msg.contains("Process creation is not allowed")) {
            msg = "moecl sandbox: scripts may not start processes";
        }
        String denied = fs.lastDenied();
        if (denied != null && !msg.contains("moecl sandbox") && (msg.contains(denied)
                || msg.contains(java.nio.file.Path.of(denied).getFileName() + "'"))) { // a relative path in the message
            msg += " (" + fs.lastDenial() + ")";
        } else if (!msg.contains("moecl sandbox") && (msg.contains("not permitted") || msg.contains("not allowed")
                || msg.contains("Java is not defined") || msg.contains("Packages is not defined"))) {
            msg += " (moecl sandbox: scripts may use the moecl object and the language's standard library only: "
                    + "no Java classes, processes, threads or native code)";
        }
        String where = ScriptErrors.location(e, sourceName);
        if (e.isHostException() && e.asHostException() instanceof ScriptPlugins.PluginFailure pf && pf.where != null) {
            where = pf.where; // the plugin's own line, not the moecl.run that ran it
        }
        if (where.equals(sourceName) && e.isHostException() && run.whereFile != null
                && run.whereFile.equals(sourceName)) {
            where = sourceName + ":" + run.whereLine;
        }
        return new ScriptException(where + ": " + msg, false, e);
    }
}
