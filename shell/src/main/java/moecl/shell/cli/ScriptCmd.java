package moecl.shell.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.script.ScriptException;
import moecl.script.ScriptHost;
import moecl.shell.Commands;
import moecl.shell.Interrupts;
import moecl.shell.Session;

/**
 * {@code moecl script FILE.js|FILE.py [--set key=value ...] [--allow-io PATH] [--timeout SECONDS]}: runs a
 * JavaScript or Python experiment script in the sandboxed script host ({@link ScriptHost}). A script error is
 * one line {@code moecl: FILE:LINE: message} and exit code 2.
 */
@Command(name = "script", description = {"Run a JavaScript (.js) or Python (.py) experiment script.",
        "Bundled scripts: scripts/examples/ (fig2.js, fig45.py, theory_vs_sim.js, custom_router.js|.py, "
                + "sweep_experts.py)."})
final class ScriptCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "FILE", description = "the script, ending in .js or .py")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a parameter the script declares")
    List<String> set = new ArrayList<>();

    @Option(names = {"--allow-write", "--allow-io"}, paramLabel = "DIR", description = "a further folder the script "
            + "may read and write (it reads the working directory and writes only the run folders otherwise)")
    List<Path> allowIo = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop the script after this many seconds")
    Double timeout;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for run folders (default runs)")
    Path out;

    @Option(names = "--timing", description = "print context start-up, run time and peak heap on stderr")
    boolean timing;

    ScriptCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no script file " + moecl.spec.Echo.of(file.toString()));
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String a : set) {
            moecl.spec.Words.Assignment kv = moecl.spec.Words.assignment(a);
            if (kv == null) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + moecl.spec.Echo.of(a) + "'");
            }
            overrides.put(kv.key(), kv.value());
        }
        if (timeout != null && !(timeout > 0 && timeout <= 1e6)) {
            throw new IllegalArgumentException("--timeout " + timeout + " is out of range; allowed: > 0 seconds");
        }
        ScriptHost.Options options = ScriptHost.Options.defaults()
                .withRunsRoot(out == null ? session.runsRoot() : out)
                .withAllowIo(allowIo)
                .withTimeout(timeout == null ? null : Duration.ofMillis((long) (timeout * 1000)));
        // the plugins a script sees are the same whether it runs on its own or from a REPL session: not the session's
        // own :js/:py plugins (its results would depend on state its file does not show)
        ScriptHost host = new ScriptHost(session.registry().withoutSessionPlugins(), session.out(), session.err(),
                options);
        // SIGTERM: stop the script, but never wait more than a second for it (host code may not return at once)
        Thread ctrlC = new Thread(() -> {
            Thread stop = new Thread(host::cancel, "moecl-script-stop");
            stop.setDaemon(true);
            stop.start();
            try {
                stop.join(1000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "moecl-script-cancel");
        Runtime.getRuntime().addShutdownHook(ctrlC);
        java.util.concurrent.atomic.AtomicLong stopAsked = new java.util.concurrent.atomic.AtomicLong();
        try (Interrupts _ = Interrupts.onInterrupt(() -> {
            stopAsked.compareAndSet(0, System.nanoTime());
            host.cancel();
        })) {
            ScriptHost.Outcome o = runBounded(() -> host.runFile(file, overrides), host::cancel, file,
                    host::stopRequest, stopAsked);
            if (timing) {
                session.err().printf("script: %s runtime, context start-up %.0f ms, run %.0f ms, peak heap %.0f MB%n",
                        ScriptHost.sharedEngine().getImplementationName(), o.startMillis(), o.runMillis(),
                        peakHeapMb());
            }
            return 0;
        } catch (ScriptException e) {
            if (e.exitStatus() > 0) { // sys.exit(n): the script's own status, silently as Python does
                return e.exitStatus();
            }
            session.err().println("moecl: " + Commands.clean(e.getMessage()));
            if (session.debug()) {
                e.printStackTrace(session.err());
            }
            // a timeout is the script's own limit (2); only a stop that was not the timeout is an interruption
            return e.cancelled() && !e.timedOut() ? Commands.INTERRUPTED : Commands.BAD_INPUT;
        } finally {
            host.close();
            try {
                Runtime.getRuntime().removeShutdownHook(ctrlC);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook is running
            }
        }
    }

    /** How long a script may take to stop once asked (timeout or Ctrl-C) before the command gives up on it. */
    static final long GRACE_MILLIS = 1000;

    /**
     * Runs the script on a daemon thread and waits for it. Once it was asked to stop (its {@code --timeout} fired in
     * the host, which records it in {@code stopped}, or Ctrl-C was pressed: {@code stopAsked}) it gets
     * {@value #GRACE_MILLIS} ms; a script still stuck then (in host code that does not return, such as one long
     * decomposition) is abandoned with a clear message, and the process exits, which ends the daemon thread.
     *
     * <p>The first stop request the host recorded is the reason, whatever arrived later: a timeout that fired is
     * reported as the timeout (exit 2) even when Ctrl-C came while the script unwound, and a failure that the stop
     * caused (a closed context, a cancelled run) is reported as that stop.
     *
     * @param stopped   the host's first stop request, or null
     * @param stopAsked when Ctrl-C was noticed ({@link System#nanoTime()}), 0 before: for a stop the host could not
     *                  record (no context running yet)
     */
    static <T> T runBounded(Callable<T> script, Runnable cancel, Path file,
                            java.util.function.Supplier<ScriptHost.Stop> stopped,
                            java.util.concurrent.atomic.AtomicLong stopAsked) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(script.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "moecl-script");
        t.setDaemon(true);
        t.start();
        long grace = GRACE_MILLIS * 1_000_000L;
        while (true) {
            try {
                return result.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                long now = System.nanoTime();
                ScriptHost.Stop s = stopped.get();
                long asked = stopAsked.get();
                if (s != null ? now - s.nanoTime() > grace : asked != 0 && now - asked > grace) {
                    String why = s != null ? s.reason() : "cancelled";
                    throw new ScriptException(file + ": " + why + "; it did not stop within "
                            + GRACE_MILLIS / 1000 + " s (stuck in host code), so it was abandoned", true,
                            s != null && s.timeout(), null);
                }
            } catch (InterruptedException e) {
                stopAsked.compareAndSet(0, System.nanoTime());
                cancel.run();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                ScriptHost.Stop s = stopped.get();
                if (s != null && c instanceof RuntimeException && !(c instanceof ScriptException)) {
                    throw new ScriptException(file + ": " + s.reason(), true, s.timeout(), c);
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
