package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.shell.Cli.Result;
import moecl.shell.repl.Repl;

/**
 * The plugin author's loop in the REPL: {@code --plugin-path} (and {@code --no-home-plugins}) with {@code -c},
 * with commands piped on stdin and with {@code shell}; {@code MOECL_HOME} in place of {@code ~/.moecl}; and
 * {@code plugins reload} picking up a rebuilt jar without a restart.
 */
class ReplPluginPathTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyHome() throws IOException {
        System.setProperty("moecl.home", Files.createDirectories(tmp.resolve("empty-home")).toString());
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("moecl.home");
    }

    Path lastExpertFolder() throws IOException {
        Path plugins = tmp.resolve("plugins");
        PluginProvenanceTest.routerJar(tmp, plugins.resolve("lastexpert.jar"), "LastExpertFactory", "lastexpert",
                "the highest expert", 2, null);
        return plugins;
    }

    /** The expert column of a run folder's rounds.csv, one value per round. */
    static List<String> experts(Path folder) throws IOException {
        List<String> rows = Files.readAllLines(folder.resolve("rounds.csv"));
        int col = List.of(rows.get(0).split(",")).indexOf("expert");
        return rows.stream().skip(1).map(r -> r.split(",")[col]).toList();
    }

    @Test
    void pluginPathWorksWithDashCBeforeOrAfterIt() throws IOException {
        String plugins = lastExpertFolder().toString();
        Result before = Cli.run("--plugin-path", plugins, "-c", "list router");
        assertEquals(0, before.code(), before.err());
        assertTrue(before.out().contains("\n  lastexpert     the highest expert  [lastexpert.jar sha256:"),
                before.out());
        Result after = Cli.run("-c", "describe lastexpert", "--plugin-path", plugins);
        assertEquals(0, after.code(), after.err());
        assertTrue(after.out().startsWith("lastexpert (router)\n"), after.out());
        Path runs = tmp.resolve("runs");
        Result shell = Cli.run("--debug", "shell", "--no-home-plugins", "--plugin-path=" + plugins,
                "-c", "set router=lastexpert M=3 T=10; run --quiet --out " + runs);
        assertEquals(0, shell.code(), shell.err());
        try (var s = Files.list(runs)) {
            assertEquals(List.of("2", "2", "2", "2", "2", "2", "2", "2", "2", "2"), experts(s.findFirst().get()));
        }
        // without it the plugin is unknown
        Result none = Cli.run("-c", "describe lastexpert");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("moecl: unknown plugin 'lastexpert'"), none.err());
    }

    @Test
    void badReplArgumentsAreOneLineWithExitCode2() {
        Result unexpected = Cli.run("shell", "--bogus");
        assertEquals(2, unexpected.code());
        assertEquals("moecl: unexpected argument '--bogus' (use: moecl [--plugin-path DIRS] [--no-home-plugins] "
                + "[--fresh] [shell], or moecl [OPTIONS] -c \"COMMANDS\")\n", unexpected.err());
        Result noDirs = Cli.run("shell", "--plugin-path");
        assertEquals(2, noDirs.code());
        assertEquals("moecl: --plugin-path needs DIRS, folders of plugin jars\n", noDirs.err());
        Result noText = Cli.run("--plugin-path", "x", "-c");
        assertEquals(2, noText.code());
        assertEquals("moecl: -c takes one argument: the commands, e.g. moecl -c \"set M=5; run T=500\"\n",
                noText.err());
        Result twice = Cli.run("-c", "list", "extra");
        assertEquals(2, twice.code());
        assertEquals("moecl: -c takes one argument: the commands, e.g. moecl -c \"set M=5; run T=500\" "
                + "(unexpected: extra)\n", twice.err());
        Result shellTwice = Cli.run("shell", "shell");
        assertEquals(2, shellTwice.code());
        assertTrue(shellTwice.err().startsWith("moecl: unexpected argument 'shell' ("), shellTwice.err());
    }

    /** {@code moecl ARGS} in a new JVM, with {@code MOECL_HOME=home}, {@code stdin} piped in. */
    Result moecl(Path home, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dmoecl.warmup=false",
                "-Duser.home=" + Files.createDirectories(tmp.resolve("user")), // MOECL_HOME must be what counts
                "-cp", System.getProperty("java.class.path"), "moecl.shell.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MOECL_HOME", home.toString());
        pb.environment().remove("MOECL_PLUGIN_PATH");
        pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "moecl did not finish");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("stdout")),
                Files.readString(tmp.resolve("stderr")));
    }

    @Test
    void pluginPathWorksWithPipedCommandsAndShellAndMoeclHomeReplacesTheHomeFolder() throws Exception {
        String plugins = lastExpertFolder().toString();
        Path home = tmp.resolve("home");
        PluginProvenanceTest.routerJar(tmp, home.resolve("plugins/homerouter.jar"), "HomeRouterFactory",
                "homerouter", "from home", 0, null);
        Result piped = moecl(home, "list router\n", "--plugin-path", plugins);
        assertEquals(0, piped.code(), piped.err());
        assertTrue(piped.out().contains("\n  lastexpert     the highest expert  [lastexpert.jar sha256:"), piped.out());
        assertTrue(piped.out().contains("\n  homerouter     from home  [homerouter.jar sha256:"), piped.out());
        assertFalse(piped.out().contains("moecl>"), "no prompt: " + piped.out());

        Result hermetic = moecl(home, "list router\ndescribe homerouter\nlist\n", "shell", "--no-home-plugins",
                "--plugin-path", plugins);
        assertEquals(2, hermetic.code(), hermetic.err());
        assertTrue(hermetic.out().contains("\n  lastexpert     the highest expert  [lastexpert.jar sha256:"),
                hermetic.out());
        assertFalse(hermetic.out().contains("homerouter"), hermetic.out());
        assertTrue(hermetic.err().startsWith("moecl: unknown plugin 'homerouter'"), hermetic.err());
        assertFalse(hermetic.out().contains("generators:"), "nothing runs after the failure: " + hermetic.out());
    }

    /** A router defined in the session, as a script would. */
    static RouterFactory sessionRouter(String name) {
        return new RouterFactory() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.of(PluginKind.ROUTER, name, "a session router");
            }

            @Override
            public moecl.router.Router create(Params params, BuildContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void pluginsReloadPicksUpARebuiltJarAndKeepsTheSessionsPlugins() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Path flip = plugins.resolve("flip.jar");
        PluginProvenanceTest.routerJar(tmp, flip, "FlipFactory", "flip", "version one", 0, "1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = new Session(new PrintWriter(out, true), new PrintWriter(err, true));
        session.runsRoot(tmp.resolve("runs"));
        session.pluginPath(plugins.toString());
        Repl repl = new Repl(session);
        session.registry().register(PluginKind.ROUTER, sessionRouter("mine"));

        assertEquals(0, repl.execute("set router=flip M=2 T=10; run --quiet; describe flip"), err.toString());
        assertEquals(List.of("0", "0", "0", "0", "0", "0", "0", "0", "0", "0"), experts(session.lastRun()));
        assertTrue(out.toString().contains("\n  version one\n  origin: flip.jar, version 1, sha256 "), out.toString());
        PluginFactory<?> old = session.registry().resolve(PluginKind.ROUTER, "flip");
        URLClassLoader oldLoader = (URLClassLoader) old.getClass().getClassLoader();
        assertNotNull(oldLoader.findResource("thirdparty/FlipFactory.class"));

        // the author rebuilds the jar and adds another
        PluginProvenanceTest.routerJar(tmp, flip, "FlipFactory", "flip", "version two", 1, "2");
        PluginProvenanceTest.routerJar(tmp, plugins.resolve("extra.jar"), "ExtraFactory", "extra", "one more", 0,
                null);
        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("plugins"), err.toString());
        assertEquals("plugin folders: " + tmp.resolve("empty-home/plugins") + " (none), " + plugins + "\n"
                + "  flip.jar: router flip (the jar changed since it was loaded: plugins reload)\n", out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("plugins reload"), err.toString());
        assertEquals("plugins reloaded (2 jars): added router extra; reloaded router flip (jar changed); kept session "
                + "router mine\n", out.toString());
        assertNull(oldLoader.findResource("thirdparty/FlipFactory.class"), "the old class loader is closed");
        assertTrue(session.registry().find(PluginKind.ROUTER, "mine").isPresent());

        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("run --quiet; describe flip"), err.toString());
        assertEquals(List.of("1", "1", "1", "1", "1", "1", "1", "1", "1", "1"), experts(session.lastRun()));
        assertTrue(out.toString().contains("\n  version two\n  origin: flip.jar, version 2, sha256 "
                + PluginProvenanceTest.sha256(flip) + "\n"), out.toString());

        // a jar taken away is gone after the next reload
        Files.delete(plugins.resolve("extra.jar"));
        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("plugins reload"), err.toString());
        assertEquals("plugins reloaded (1 jar): removed router extra; reloaded router flip (same jar); kept session "
                + "router mine\n", out.toString());
        assertEquals(2, repl.execute("plugins reload now"));
        assertTrue(err.toString().endsWith("moecl: usage: plugins [reload]\n"), err.toString());
    }

    @Test
    void aPluginPathGivenToAReplCommandReloadsThePlugins() throws Exception {
        String plugins = lastExpertFolder().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session session = new Session(new PrintWriter(out, true), new PrintWriter(err, true));
        Repl repl = new Repl(session);
        assertEquals(0, repl.execute("list router"), err.toString());
        assertFalse(out.toString().contains("lastexpert"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("list router --plugin-path " + plugins), err.toString());
        assertTrue(out.toString().startsWith("plugins reloaded (1 jar): added router lastexpert\nrouters:\n"),
                out.toString());
        assertTrue(out.toString().contains("\n  lastexpert "), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, repl.execute("list router"), err.toString());
        assertTrue(out.toString().startsWith("routers:\n"), "the session keeps its plugin path: " + out);
        assertTrue(out.toString().contains("\n  lastexpert "), out.toString());
    }
}
