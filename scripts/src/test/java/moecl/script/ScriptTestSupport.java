package moecl.script;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import moecl.plugin.Registry;

/** Runs scripts in a temporary working directory and captures what they print. */
final class ScriptTestSupport {

    /** The bundled scripts (the module's examples/ folder). */
    static final Path EXAMPLES = Path.of(System.getProperty("moecl.examples", "examples")).toAbsolutePath();

    /** One registry for all tests: plugins registered by a script are removed when it ends. */
    static final Registry REGISTRY = Registry.standard();

    final Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ScriptHost host;

    ScriptTestSupport(Path dir) {
        this(dir, List.of(), null);
    }

    ScriptTestSupport(Path dir, List<Path> allowIo, Duration timeout) {
        this.dir = dir;
        this.host = new ScriptHost(REGISTRY, new PrintWriter(out, true), new PrintWriter(err, true),
                new ScriptHost.Options(dir, dir.resolve("runs"), allowIo, timeout));
    }

    ScriptHost.Outcome run(Path file, Map<String, String> overrides) {
        return host.runFile(file, overrides);
    }

    ScriptHost.Outcome runCode(String fileName, String code, Map<String, String> overrides) throws Exception {
        Path f = dir.resolve(fileName);
        java.nio.file.Files.writeString(f, code);
        return host.runFile(f, overrides);
    }
}
