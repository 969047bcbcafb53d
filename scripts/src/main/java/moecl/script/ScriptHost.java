package moecl.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.spec.Suggest;

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
 * {@link Context}; a Python context is created only when Python is first used (it takes seconds).
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

    static final HostAccess ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true)
            .allowListAccess(true).build();

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
        Run run = new Run(this, file.getFileName().toString().replaceAll("\\.[^.]*$", ""), overrides);
        run.sourceName = name;
        Path dir = file.toAbsolutePath().normalize().getParent();
        long t0 = System.nanoTime();
        fs.scriptDir(lang.equals("python") ? dir : null);
        Context c;
        try {
            c = newContext(lang, run);
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
                ScriptException se = indentation(e, c, code, name);
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
            try {
                c.close(true);
            } catch (PolyglotException | IllegalStateException ignored) {
                // already closed by a stop
            }
        }
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
                Run run = new Run(this, "<" + lang + ">", Map.of());
                it = new Interactive(newContext(lang, run), run);
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
            Linalg.Mat py = lang.equals("python") && v.hasArrayElements() ? Convert.pythonArray(v) : null;
            return py != null ? py.toString() : v.isHostObject() || v.isProxyObject() ? Convert.display(v)
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

    private record Interactive(Context context, Run run) {
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private Context newContext(String lang, Run run) {
        WriterOutputStream o = new WriterOutputStream(out);
        WriterOutputStream e = new WriterOutputStream(err);
        Context.Builder b = Context.newBuilder(lang)
                .engine(sharedEngine())
                .allowHostAccess(ACCESS)
                .allowHostClassLookup(className -> false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(new WriteGuard(FileSystem.allowInternalResourceAccess(fs),
                        fs)).build())
                .in(InputStream.nullInputStream())
                .out(o)
                .err(e);
        Context c = b.build();
        c.getBindings(lang).putMember("moecl", new MoeclApi(run));
        if (lang.equals("python")) {
            c.eval(Source.newBuilder(lang, PYTHON_LINALG, "<moecl linalg>").buildLiteral());
            c.eval(Source.newBuilder(lang, PYTHON_PRELUDE, "<moecl prelude>").buildLiteral());
            run.reseed = c.getBindings(lang).getMember("_moecl_seed");
            run.pythonSeed = true;
        } else {
            run.reseed = c.eval(Source.newBuilder(lang, JS_PRELUDE, "<moecl prelude>").buildLiteral());
        }
        run.seed(Run.DEFAULT_SEED);
        return c;
    }

    /**
     * An {@code unexpected indent} is reported by GraalPy at line 1 whatever its line; the right line is that of
     * the first INDENT token that does not follow a colon (found with Python's own tokenizer). Null for other
     * syntax errors, which GraalPy places right.
     */
    private static ScriptException indentation(PolyglotException e, Context c, String code, String name) {
        String msg = String.valueOf(e.getMessage());
        if (!msg.contains("unexpected indent")) {
            return null;
        }
        try {
            int line = c.getBindings("python").getMember("_moecl_indent_line").execute(code).asInt();
            if (line <= 0) {
                return null;
            }
            String fixed = msg.replaceAll("line \\d+\\)$", "line " + line + ")");
            return new ScriptException(name + ":" + line + ": " + fixed, false, e);
        } catch (RuntimeException ignored) {
            return null;
        }
    }

    /** The Python side of {@code moecl.linalg} (an array class with operators), from the bundled resource. */
    static final String PYTHON_LINALG = resource("prelude_linalg.py");

    private static String resource(String name) {
        try (InputStream in = ScriptHost.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces {@code Math.random} by a seeded xoshiro128** generator (two outputs per double, 53 bits, as
     * {@code Math.random}); evaluates to the function that seeds it with four 32-bit words.
     */
    static final String JS_PRELUDE = """
            (function () {
              let a = 1, b = 2, c = 3, d = 4;
              function rotl(x, k) { return (x << k) | (x >>> (32 - k)); }
              function next() {
                const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
                const t = b << 9;
                c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
                return r;
              }
              const random = function random() {
                return ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
              };
              Object.defineProperty(Math, 'random', {value: random, writable: true, configurable: true});
              return function seed(s0, s1, s2, s3) { a = s0 | 0; b = s1 | 0; c = s2 | 0; d = s3 | 0; };
            })()
            """;

    /**
     * Wraps {@code moecl} in Python so that each call first notes the calling line: GraalPy's polyglot frames do
     * not carry line numbers, and a host exception has no Python traceback. Also makes {@code subprocess} refuse
     * with the sandbox's own message (processes are denied anyway; without this it failed with a puzzling
     * FileNotFoundError, there being no PATH in the sandbox).
     */
    static final String PYTHON_PRELUDE = """
            def _moecl_wrap(h):
                import sys
                class Moecl:
                    __slots__ = ()
                    def __getattr__(self, name):
                        a = getattr(h, name)
                        if name == "linalg":
                            return _linalg
                        if not callable(a):
                            return a
                        def call(*args):
                            f = sys._getframe(1)
                            h._where(f.f_code.co_filename, f.f_lineno)
                            return a(*args)
                        return call
                    def __repr__(self):
                        return str(h)
                _linalg = _moecl_linalg_module(h.linalg)
                return Moecl()
            moecl = _moecl_wrap(moecl)
            del _moecl_wrap, _moecl_linalg_module
            def _moecl_seed(n):
                import random
                random.seed(n)
            def _moecl_script_dir(d):
                import sys
                sys.path.insert(0, d)
                sys.dont_write_bytecode = True
            def _moecl_indent_line(src):
                import io, tokenize
                last = None
                try:
                    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
                        if tok.type == tokenize.INDENT and (last is None or last.string != ":"):
                            return tok.start[0]
                        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT,
                                            tokenize.DEDENT):
                            last = tok
                except Exception:
                    pass
                return 0
            def _moecl_no_processes():
                import subprocess
                def refuse(self, *args, **kwargs):
                    raise PermissionError("moecl sandbox: scripts may not start processes")
                subprocess.Popen.__init__ = refuse
            _moecl_no_processes()
            del _moecl_no_processes
            def _moecl_no_signals():
                import _signal, signal
                def refuse(*args, **kwargs):
                    raise PermissionError("moecl sandbox: scripts may not install signal handlers")
                for m in (_signal, signal):
                    m.signal = refuse
                    if hasattr(m, "set_wakeup_fd"):
                        m.set_wakeup_fd = refuse
            _moecl_no_signals()
            del _moecl_no_signals
            """;

    private ScriptException translate(PolyglotException e, String sourceName, Run run) {
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
                    : hostError(h);
        } else {
            msg = e.getMessage();
        }
        msg = guestNames(msg);
        if (msg == null || msg.isBlank()) {
            msg = e.isSyntaxError() ? "syntax error" : "error";
        }
        if (msg.contains("Process creation is not allowed")) {
            msg = "moecl sandbox: scripts may not start processes";
        }
        String denied = fs.lastDenied();
        if (denied != null && !msg.contains("moecl sandbox") && msg.contains(denied)) {
            msg += " (" + fs.lastDenial() + ")";
        } else if (!msg.contains("moecl sandbox") && (msg.contains("not permitted") || msg.contains("not allowed")
                || msg.contains("Java is not defined") || msg.contains("Packages is not defined"))) {
            msg += " (moecl sandbox: scripts may use the moecl object and the language's standard library only: "
                    + "no Java classes, processes, threads or native code)";
        }
        String where = location(e, sourceName);
        if (e.isHostException() && e.asHostException() instanceof ScriptPlugins.PluginFailure pf && pf.where != null) {
            where = pf.where; // the plugin's own line, not the moecl.run that ran it
        }
        if (where.equals(sourceName) && e.isHostException() && run.whereFile != null
                && run.whereFile.equals(sourceName)) {
            where = sourceName + ":" + run.whereLine;
        }
        return new ScriptException(where + ": " + msg, false, e);
    }

    /**
     * A host error that is not a refusal, in words: running out of heap or stack is the script's doing and says what
     * to do; anything else is a fault of moecl's host code and keeps its class, for a bug report.
     */
    static String hostError(Throwable h) {
        if (h instanceof OutOfMemoryError) {
            return "out of memory: the heap (" + moecl.plugin.Sizes.human(Runtime.getRuntime().maxMemory())
                    + ") is full; use smaller sizes or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)";
        }
        if (h instanceof StackOverflowError) {
            return "stack overflow: calls nested too deep";
        }
        if (h instanceof NullPointerException) {
            return "a value is missing (null, None or undefined) where moecl needs one";
        }
        return h.getClass().getSimpleName() + ": " + h.getMessage();
    }

    /** The host classes a script meets, by the names the script knows them by. */
    private static final Map<String, String> GUEST_NAMES = Map.of(
            "moecl.script.MoeclApi", "moecl",
            "moecl.script.Linalg", "moecl.linalg",
            "moecl.script.Linalg$Mat", "a moecl.linalg matrix",
            "moecl.script.TaskView", "a task",
            "moecl.script.RandomView", "a random stream",
            "moecl.script.GuestMap", "a record");

    private static final java.util.regex.Pattern UNKNOWN_MEMBER = java.util.regex.Pattern.compile(
            "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Unknown identifier: \\w+");
    private static final java.util.regex.Pattern ARITY = java.util.regex.Pattern.compile(
            "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Arity error - expected: ([^ ]+) actual: (\\d+)");
    private static final java.util.regex.Pattern CONVERT = java.util.regex.Pattern.compile(
            "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Cannot convert '([^']*)'\\(language: [^,]+, type: "
                    + "[^)]+\\) to Java type '([^']+)'[^.]*\\.?");
    private static final java.util.regex.Pattern JAVA_CLASS = java.util.regex.Pattern.compile(
            "\\b(?:moecl|org\\.graalvm|org\\.ojalgo)(?:\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_$]*");

    /**
     * A guest error's message without moecl's (and GraalVM's, ojAlgo's) class names: GraalVM's interop errors name
     * the Java class behind a host object ({@code invokeMember (times) on moecl.script.Linalg$Mat failed due to:
     * Unknown identifier: times}); the script knows it as {@code moecl.linalg}, a matrix, a task. Java classes the
     * script named itself ({@code Java.type('java.lang.Runtime')}) stay.
     */
    static String guestNames(String msg) {
        msg = OVERLOAD.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(overloads(r.group(2),
                r.group(1), r.group(3), r.group(4))));
        java.util.regex.Matcher u = UNKNOWN_MEMBER.matcher(msg);
        msg = u.replaceAll(r -> java.util.regex.Matcher.quoteReplacement(guestName(r.group(2)) + " has no member '"
                + r.group(1) + "'"));
        msg = ARITY.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(method(r.group(2),
                r.group(1)) + " takes " + r.group(3) + " argument" + (r.group(3).equals("1") ? "" : "s") + ", got "
                + r.group(4)));
        msg = CONVERT.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(method(r.group(2),
                r.group(1)) + ": " + r.group(3) + " is not " + javaType(r.group(4))));
        return JAVA_CLASS.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(guestName(r.group())));
    }

    private static final java.util.regex.Pattern OVERLOAD = java.util.regex.Pattern.compile(
            "invokeMember \\((\\w+)\\) on (\\S+) failed due to: no applicable overload found \\(overloads: \\[(.*)\\], "
                    + "arguments: \\[(.*)\\]\\)");
    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
            "\\.(\\w+)\\(([^)]*)\\)\\]");

    /**
     * GraalVM's refusal of an overloaded method's arguments, in the script's words: {@code moecl.linalg.zeros(1.5,
     * 2): no form takes these arguments; allowed: zeros(integer), zeros(integer, integer)}. The forms are listed
     * fewest parameters first (GraalVM lists them in the JVM's reflection order, which varies between runs).
     */
    private static String overloads(String className, String member, String forms, String args) {
        List<String> allowed = new ArrayList<>();
        java.util.regex.Matcher f = FORM.matcher(forms);
        while (f.find()) {
            List<String> types = new ArrayList<>();
            for (String t : f.group(2).split(",")) {
                if (!t.isBlank()) {
                    types.add(switch (t.strip()) {
                        case "int", "long", "short", "byte" -> "integer";
                        case "double", "float" -> "number";
                        case "boolean" -> "true/false";
                        case "java.lang.String" -> "string";
                        case "org.graalvm.polyglot.Value[]" -> "values...";
                        default -> "value";
                    });
                }
            }
            allowed.add(f.group(1) + "(" + String.join(", ", types) + ")");
        }
        allowed.sort(java.util.Comparator.comparingInt((String a) -> a.split(",").length)
                .thenComparing(java.util.Comparator.naturalOrder()));
        String given = args.replaceAll(" \\([A-Za-z.$]+\\)", "");
        return method(className, member) + "(" + given + "): no form takes these arguments; allowed: "
                + String.join(", ", allowed);
    }

    /** {@code moecl.linalg.zeros}, or {@code multiply of a moecl.linalg matrix}. */
    private static String method(String className, String member) {
        String owner = guestName(className);
        return owner.startsWith("moecl") ? owner + "." + member : member + " of " + owner;
    }

    /** What a Java parameter type asks of a script's value. */
    private static String javaType(String type) {
        return switch (type) {
            case "int", "long", "short", "byte", "java.lang.Integer", "java.lang.Long" -> "an integer (of the "
                    + "right size)";
            case "double", "float", "java.lang.Double", "java.lang.Float" -> "a number";
            case "boolean", "java.lang.Boolean" -> "true or false";
            case "java.lang.String" -> "a string";
            default -> "a value of the kind it needs";
        };
    }

    private static String guestName(String className) {
        String known = GUEST_NAMES.get(className);
        if (known != null) {
            return known;
        }
        if (className.equals("org.graalvm.polyglot.Value")) {
            return "a value";
        }
        return className.startsWith("moecl.") ? "a moecl object" : "a host object";
    }

    /**
     * {@code FILE:LINE} of the innermost frame in the script: from the Python traceback (GraalPy's polyglot frames
     * only know the enclosing function), else from the innermost guest frame with a one-line location; else the
     * source name alone.
     */
    static String location(PolyglotException e, String sourceName) {
        int line = pythonLine(e, sourceName);
        if (line > 0) {
            return sourceName + ":" + line;
        }
        SourceSection s = e.getSourceLocation();
        if (s == null || !s.isAvailable()) {
            s = null;
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().isAvailable()) {
                    s = f.getSourceLocation();
                    break;
                }
            }
        }
        if (s == null || "python".equals(s.getSource().getLanguage()) && s.getStartLine() != s.getEndLine()) {
            return sourceName;
        }
        return s.getSource().getName() + ":" + s.getStartLine();
    }

    private static int pythonLine(PolyglotException e, String sourceName) {
        try {
            Value exc = e.getGuestObject();
            if (exc == null || exc.isNull() || !exc.hasMember("__traceback__")) {
                return -1;
            }
            int line = -1;
            for (Value tb = exc.getMember("__traceback__"); tb != null && !tb.isNull(); tb = tb.getMember("tb_next")) {
                Value file = tb.getMember("tb_frame").getMember("f_code").getMember("co_filename");
                if (file != null && file.isString() && file.asString().equals(sourceName)) {
                    line = tb.getMember("tb_lineno").asInt();
                }
            }
            return line;
        } catch (RuntimeException ignored) {
            return -1; // not a Python exception, or the context is gone
        }
    }

    /** What one script run (or one REPL language session) owns: parameters, registered plugins, folders. */
    static final class Run {
        private final ScriptHost host;
        private final String scriptName;
        private final Map<String, String> overrides;
        private final Map<String, Object> declared = new LinkedHashMap<>();
        private final Set<String> registered = new LinkedHashSet<>();
        private final List<Path> folders = new ArrayList<>();
        /** The script line of the latest moecl call from Python (see {@link #PYTHON_PRELUDE}). */
        String whereFile;
        int whereLine;
        /** The script's name in messages (its path as given), or {@code <js>}/{@code <python>} in the REPL. */
        String sourceName;
        /** Seeds the language's own random numbers ({@code Math.random}, Python's {@code random}). */
        Value reseed;
        /** Whether {@link #reseed} is Python's ({@code random.seed(n)}) rather than JavaScript's (four words). */
        boolean pythonSeed;
        /** Failures of script plugins in this run, with the plugin's own line (newest last). */
        final List<ScriptPlugins.PluginFailure> pluginFailures = new ArrayList<>();

        /** Math.random and random start from this seed; {@code moecl.seed(n)} or a parameter {@code seed} change it. */
        static final long DEFAULT_SEED = 1;

        /**
         * Seeds {@code Math.random} (JavaScript: xoshiro128** from four SplitMix64 words of the seed) or Python's
         * {@code random} ({@code random.seed(seed)}): the same seed gives the same numbers on every run.
         */
        void seed(long seed) {
            if (reseed == null) {
                return;
            }
            if (pythonSeed) {
                reseed.execute(seed);
                return;
            }
            long z = seed;
            int[] w = new int[4];
            for (int i = 0; i < 2; i++) {
                z += 0x9E3779B97F4A7C15L;
                long x = z;
                x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
                x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
                x ^= x >>> 31;
                w[2 * i] = (int) x;
                w[2 * i + 1] = (int) (x >>> 32);
            }
            if ((w[0] | w[1] | w[2] | w[3]) == 0) {
                w[0] = 1;
            }
            reseed.execute(w[0], w[1], w[2], w[3]);
        }

        Run(ScriptHost host, String scriptName, Map<String, String> overrides) {
            this.host = host;
            this.scriptName = scriptName;
            this.overrides = new LinkedHashMap<>(overrides);
        }

        ScriptHost host() {
            return host;
        }

        String scriptName() {
            return scriptName;
        }

        Set<String> registered() {
            return registered;
        }

        List<Path> folders() {
            return folders;
        }

        Map<String, Object> declared() {
            return new LinkedHashMap<>(declared);
        }

        /** The value in force for a declared parameter. */
        Object param(String name, Object def) {
            Object v = overrides.containsKey(name) ? convert(name, overrides.get(name), def) : def;
            declared.put(name, v);
            return v;
        }

        /** Refuses overrides of parameters the script has not declared (called by params() and at the end). */
        void checkOverrides() {
            for (String k : overrides.keySet()) {
                if (!declared.containsKey(k)) {
                    throw new IllegalArgumentException("--set " + k + ": the script has no parameter '" + k + "'"
                            + Suggest.didYouMean(k, declared.keySet()) + " (parameters: "
                            + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")");
                }
            }
        }

        void checkUnused() {
            // every override was declared (checkOverrides); nothing else to check
        }

        static Object convert(String name, String text, Object def) {
            String t = text.trim();
            try {
                return switch (def) {
                    case Long l -> {
                        double d = Double.parseDouble(t);
                        if (d != Math.rint(d) || Math.abs(d) > 9e15) {
                            throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name
                                    + " must be an integer");
                        }
                        yield (long) d;
                    }
                    case Double d -> Double.parseDouble(t);
                    case Boolean b -> switch (t) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name
                                + " must be true or false");
                    };
                    case List<?> l -> {
                        String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
                        List<Object> out = new ArrayList<>();
                        for (String part : inner.split(",")) {
                            String p = part.trim();
                            if (p.isEmpty()) {
                                continue;
                            }
                            try {
                                double d = Double.parseDouble(p);
                                out.add(d == Math.rint(d) && !p.contains(".") ? (Object) (long) d : (Object) d);
                            } catch (NumberFormatException e) {
                                out.add(p);
                            }
                        }
                        yield out;
                    }
                    case null, default -> text;
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name + " must be a number");
            }
        }

        void unregisterAll() {
            for (String key : registered) {
                int c = key.indexOf(':');
                host.registry.unregister(PluginKind.parse(key.substring(0, c)), key.substring(c + 1));
            }
            registered.clear();
        }
    }
}
