package moecl.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

import moecl.script.sandbox.SandboxFileSystem;
import moecl.script.sandbox.WriteGuard;

/**
 * The language contexts scripts run in: what a context may do (the sandbox's settings), and the preludes each
 * language evaluates before the script (seeded random numbers; in Python the {@code moecl.linalg} array class, the
 * calling-line notes and the refusals of processes and signals).
 */
final class ScriptContexts {

    private ScriptContexts() {
    }

    /** Scripts reach only members marked {@link HostAccess.Export}, and read host arrays and lists. */
    static final HostAccess ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true)
            .allowListAccess(true).build();

    /**
     * A new sandboxed context of {@code lang} for {@code run}: host access only to what moecl exports, file access
     * through {@code fs}, the {@code moecl} object bound, the language's random numbers seeded.
     */
    static Context create(String lang, ScriptRun run, PrintWriter out, PrintWriter err, SandboxFileSystem fs) {
        WriterOutputStream o = new WriterOutputStream(out);
        WriterOutputStream e = new WriterOutputStream(err);
        Context.Builder b = Context.newBuilder(lang)
                .engine(ScriptHost.sharedEngine())
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
        run.seed(ScriptRun.DEFAULT_SEED);
        return c;
    }

    /**
     * An {@code unexpected indent} is reported by GraalPy at line 1 whatever its line; the right line is that of
     * the first INDENT token that does not follow a colon (found with Python's own tokenizer). Null for other
     * syntax errors, which GraalPy places right.
     */
    static ScriptException indentation(PolyglotException e, Context c, String code, String name) {
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
        try (InputStream in = ScriptContexts.class.getResourceAsStream(name)) {
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
            def _moecl_flush_at_exit():
                # GraalPy counts no references: a file the script left open is neither flushed nor closed when the
                # script ends, as CPython's would be. Files opened through open() are flushed last thing at exit.
                import atexit, builtins, weakref
                files = weakref.WeakSet()
                real_open = builtins.open
                def open(*args, **kwargs):
                    f = real_open(*args, **kwargs)
                    try:
                        files.add(f)
                    except TypeError:
                        pass
                    return f
                open.__doc__ = real_open.__doc__
                builtins.open = open
                def flush():
                    for f in list(files):
                        try:
                            if not f.closed:
                                f.flush()
                        except Exception:
                            pass
                atexit.register(flush)
            _moecl_flush_at_exit()
            del _moecl_flush_at_exit
            """;
}
