package moecl.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import moecl.plugin.Registry;

/**
 * What the commands share during one process (command line) or one interactive session: the plugin registry,
 * output streams, options such as {@code --debug}, where run folders go and which one was written last.
 */
public final class Session {

    private final PrintWriter out;
    private final PrintWriter err;
    private Registry registry;
    volatile boolean debug;
    volatile Path runsRoot = Path.of("runs");
    private volatile Path lastRun;
    /** Whether progress rewrites one line in place; {@code null}: when stdout/stderr is a terminal. */
    private volatile Boolean progressInPlace;

    public Session(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    private moecl.script.ScriptHost scripts;

    /**
     * The session's script host for {@code :js} and {@code :py} lines: one persistent context per language,
     * created on first use (the Python context takes seconds to start).
     */
    public synchronized moecl.script.ScriptHost scriptHost() {
        if (scripts == null) {
            scripts = new moecl.script.ScriptHost(registry(), out, err,
                    moecl.script.ScriptHost.Options.defaults().withRunsRoot(runsRoot));
        }
        return scripts;
    }

    /** Evaluates a line of script code in the session's context, cancelling it on interrupt (Ctrl-C). */
    public String evalScript(String language, String code) {
        moecl.script.ScriptHost host = scriptHost();
        try (Interrupts _ = Interrupts.onInterrupt(host::cancel)) {
            return host.eval(language, code);
        } catch (moecl.script.ScriptException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The plugin registry, loaded on first use (class path plus plugin folders). */
    public synchronized Registry registry() {
        if (registry == null) {
            jars = PluginPath.open(pluginOptions);
            registry = Registry.load(jars.loader(), jars.unreadable());
        }
        return registry;
    }

    private PluginPath.Options pluginOptions = PluginPath.Options.DEFAULT;
    private PluginPath.Jars jars;

    /**
     * Plugin folders for this session ({@code --plugin-path}), replacing {@code MOECL_PLUGIN_PATH}. When the
     * plugins are loaded already (a REPL command with {@code --plugin-path}) and the folders change, they are
     * reloaded and what changed is printed.
     */
    public synchronized void pluginPath(String dirs) {
        for (String d : dirs.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
            boolean folder;
            try {
                folder = d.isBlank() || java.nio.file.Files.isDirectory(java.nio.file.Path.of(d.strip()));
            } catch (java.nio.file.InvalidPathException e) {
                folder = false;
            }
            if (!folder) { // a mistyped folder would otherwise just leave its plugins "unknown" later
                err.println("note: --plugin-path " + d.strip() + " is not a folder; no plugins come from it");
            }
        }
        pluginOptions(pluginOptions.withPath(dirs));
    }

    /** Whether the home folder's {@code plugins} are loaded ({@code --no-home-plugins} turns them off). */
    public synchronized void homePlugins(boolean on) {
        pluginOptions(pluginOptions.withHome(on));
    }

    private void pluginOptions(PluginPath.Options o) {
        if (o.equals(pluginOptions)) {
            return;
        }
        pluginOptions = o;
        if (registry != null) {
            out.println(reloadPlugins());
        }
    }

    /**
     * Loads the plugins again from a new class loader (the old one is closed first, so rebuilt jars are read
     * afresh); plugins registered in the session (by scripts) are kept. Returns what changed, in one line.
     */
    public synchronized String reloadPlugins() {
        if (registry == null) {
            registry();
            Registry.Change c = new Registry.Change(
                    java.util.Arrays.stream(moecl.plugin.PluginKind.values()).flatMap(k -> registry.list(k).stream()
                            .filter(d -> registry.origin(registry.resolve(k, d.name())).jar())
                            .map(d -> k.label() + " " + d.name())).toList(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), registry.failures());
            return PluginPath.describe(c, jars.jars().size());
        }
        jars.close();
        jars = PluginPath.open(pluginOptions);
        return PluginPath.describe(registry.reload(jars.loader(), jars.unreadable()), jars.jars().size());
    }

    /** The plugin folders searched, in order (whether or not they exist). */
    public synchronized List<Path> pluginFolders() {
        return PluginPath.folders(pluginOptions);
    }

    /** The plugin jars on the plugin class loader (the readable ones), loading the plugins if need be. */
    public synchronized List<Path> pluginJars() {
        registry();
        return jars.jars();
    }

    public boolean debug() {
        return debug;
    }

    public void debug(boolean on) {
        debug = on;
    }

    /** The folder run folders go into unless a command says {@code --out} ({@code runs} by default). */
    public Path runsRoot() {
        return runsRoot;
    }

    public void runsRoot(Path root) {
        runsRoot = root;
    }

    /**
     * The more recent of the session's last run and the newest folder under the runs folder (names start with their
     * creation time): scripts, {@code :js}/{@code :py} and other processes write folders the session does not see.
     */
    public static Path newer(Path sessionLast, Path newest) {
        if (newest == null || sessionLast.getFileName() == null) {
            return sessionLast;
        }
        return newest.getFileName().toString().compareTo(sessionLast.getFileName().toString()) > 0 ? newest
                : sessionLast;
    }

    /** The run folder written most recently in this session, or {@code null}. */
    public Path lastRun() {
        return lastRun;
    }

    public void lastRun(Path folder) {
        lastRun = folder;
    }

    /**
     * Makes progress rewrite one line in place ({@code true}, a capable terminal) or print a plain line every ten
     * percent ({@code false}); the REPL decides from its terminal, the command line from {@link System#console()}.
     */
    public void progressInPlace(boolean inPlace) {
        progressInPlace = inPlace;
    }

    /** A progress display for a long command, on {@link #err()}. */
    public Progress progress(String label) {
        Boolean inPlace = progressInPlace;
        return inPlace == null ? Progress.stderr(err, label) : new Progress(err, label, inPlace);
    }
}
