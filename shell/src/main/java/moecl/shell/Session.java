package moecl.shell;

import java.io.PrintWriter;
import java.nio.file.Path;

import moecl.plugin.Registry;

/**
 * What the commands share during one process (command line) or one interactive session: the plugin registry,
 * output streams, options such as {@code --debug}.
 */
public final class Session {

    private final PrintWriter out;
    private final PrintWriter err;
    private Registry registry;
    boolean debug;
    Path runsRoot = Path.of("runs");

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

    /** The plugin registry, loaded on first use (class path plus plugin folders). */
    public synchronized Registry registry() {
        if (registry == null) {
            registry = Registry.load(PluginPath.classLoader());
        }
        return registry;
    }
}
