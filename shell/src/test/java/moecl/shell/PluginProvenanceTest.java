package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/**
 * Where plugins come from: the manifest and {@code moecl list} name each plugin's origin (built-in, or the jar with
 * its version and SHA-256); {@code --no-home-plugins} and the moecl home folder ({@code moecl.home} here,
 * {@code MOECL_HOME} in {@link ReplPluginPathTest}) decide whether the home folder's plugins load; a jar that
 * cannot be read, or whose provider fails, is listed with the reason, and asking for its plugin says why.
 */
class PluginProvenanceTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void emptyHome() throws IOException {
        // never the real ~/.moecl
        System.setProperty("moecl.home", Files.createDirectories(tmp.resolve("empty-home")).toString());
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("moecl.home");
    }

    /** A router that always picks expert {@code expert}, described by {@code summary}. */
    static String router(String className, String name, String summary, int expert) {
        return """
                package thirdparty;

                import moecl.expert.LearnReport;
                import moecl.plugin.*;
                import moecl.router.*;
                import moecl.task.Task;

                public final class CLASS implements RouterFactory {
                    public PluginDescriptor descriptor() {
                        return PluginDescriptor.of(PluginKind.ROUTER, "NAME", "SUMMARY");
                    }

                    public Router create(Params params, BuildContext context) {
                        return new Router() {
                            public Decision route(Task task) {
                                return Decision.of(EXPERT);
                            }

                            public void learn(Task task, Decision decision, LearnReport report) {
                            }
                        };
                    }
                }
                """.replace("CLASS", className).replace("NAME", name).replace("SUMMARY", summary)
                .replace("EXPERT", Integer.toString(expert));
    }

    static Path routerJar(Path work, Path jar, String className, String name, String summary, int expert,
                          String version) throws IOException {
        return PluginJars.jar(work, jar, className, router(className, name, summary, expert),
                "moecl.plugin.RouterFactory", version);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static Path onlyFolder(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    static Map<String, Object> entry(String kind, String name, String origin, String version, String sha) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", name);
        m.put("origin", origin);
        if (version != null) {
            m.put("version", version);
        }
        if (sha != null) {
            m.put("sha256", sha);
        }
        return m;
    }

    @Test
    void theManifestRecordsEachPluginsOriginWithTheJarsVersionAndSha256() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Path jar = routerJar(tmp, plugins.resolve("lastexpert-1.2.jar"), "LastExpertFactory", "lastexpert",
                "the highest expert", 2, "1.2.0");
        Path runs = tmp.resolve("runs");
        Result r = run("run", "router=[lastexpert, random]", "M=3", "T=20", "--out", runs.toString(), "--quiet",
                "--plugin-path", plugins.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode manifest = new ObjectMapper().readTree(onlyFolder(runs).resolve("manifest.json").toFile());
        List<Map<String, Object>> expected = List.of(
                entry("generator", "clusters", "built-in", null, null),
                entry("expert", "minnorm", "built-in", null, null),
                entry("router", "lastexpert", "lastexpert-1.2.jar", "1.2.0", sha256(jar)),
                entry("router", "random", "built-in", null, null));
        assertEquals(new ObjectMapper().valueToTree(expected), manifest.get("plugins"));
        assertFalse(manifest.path("invocations").get(0).has("plugins"), "the top-level list says it once");
    }

    @Test
    void aResumeWithARebuiltJarKeepsWhatTheEarlierInvocationRanWith() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Path jarFile = plugins.resolve("flaky.jar");
        // version 1 fails at round 5 of seed 2's run, so the sweep is left to resume
        String v1 = SweepCliTest.FLAKY;
        PluginJars.jar(tmp, jarFile, "FlakyFactory", v1, "moecl.plugin.RouterFactory", "1.0");
        String sha1 = sha256(jarFile);
        Path runs = tmp.resolve("runs");
        Result first = run("run", "router=flaky", "M=2", "T=20", "--seeds", "1..2", "--out", runs.toString(),
                "--quiet", "--plugin-path", plugins.toString());
        assertEquals(3, first.code(), first.err());
        PluginJars.jar(tmp, jarFile, "FlakyFactory", v1.replace("context.seed() == 2", "false"),
                "moecl.plugin.RouterFactory", "1.1");
        String sha2 = sha256(jarFile);
        Path folder = onlyFolder(runs);
        Result again = run("resume", folder.toString(), "--plugin-path", plugins.toString());
        assertEquals(0, again.code(), again.err());
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> gen = entry("generator", "clusters", "built-in", null, null);
        Map<String, Object> exp = entry("expert", "minnorm", "built-in", null, null);
        assertEquals(json.valueToTree(List.of(gen, exp, entry("router", "flaky", "flaky.jar", "1.1", sha2))),
                manifest.get("plugins"));
        JsonNode inv = manifest.get("invocations");
        assertEquals(2, inv.size());
        assertEquals(json.valueToTree(List.of(gen, exp, entry("router", "flaky", "flaky.jar", "1.0", sha1))),
                inv.get(0).get("plugins"));
        assertFalse(inv.get(1).has("plugins"), "the last invocation ran with the top-level list");
    }

    @Test
    void listAndDescribeShowEachPluginsOrigin() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Path jar = routerJar(tmp, plugins.resolve("lastexpert.jar"), "LastExpertFactory", "lastexpert",
                "the highest expert", 2, "1.2.0");
        Result r = run("list", "router", "--plugin-path", plugins.toString());
        assertEquals(0, r.code(), r.err());
        String sha = sha256(jar);
        assertTrue(r.out().contains("\n  lastexpert     the highest expert  [lastexpert.jar 1.2.0 sha256:"
                + sha.substring(0, 12) + "]\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  paper ") && l.endsWith("  [built-in]")), r.out());
        assertTrue(r.out().lines().skip(1).allMatch(l -> l.endsWith("]")), "every plugin has an origin: " + r.out());
        Result d = run("describe", "lastexpert", "--plugin-path", plugins.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("\n  origin: lastexpert.jar, version 1.2.0, sha256 " + sha + "\n"), d.out());
        Result p = run("describe", "paper");
        assertTrue(p.out().contains("\n  origin: built-in\n"), p.out());
    }

    @Test
    void noHomePluginsAndTheHomeFolderDecideWhetherTheHomePluginsLoad() throws Exception {
        Path home = tmp.resolve("home");
        routerJar(tmp, home.resolve("plugins/homerouter.jar"), "HomeRouterFactory", "homerouter", "from home", 0,
                null);
        System.setProperty("moecl.home", home.toString());
        Result with = run("list", "router");
        assertEquals(0, with.code(), with.err());
        assertTrue(with.out().contains("  homerouter     from home  [homerouter.jar sha256:"), with.out());
        Result without = run("list", "router", "--no-home-plugins");
        assertEquals(0, without.code(), without.err());
        assertFalse(without.out().contains("homerouter"), without.out());
        assertTrue(without.out().contains("  paper "), without.out());
        Result run = run("run", "router=homerouter", "T=5", "--no-home-plugins", "--quiet", "--out",
                tmp.resolve("runs").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("moecl: unknown router 'homerouter' (routers: "), run.err());
        // another home folder: not there either
        System.setProperty("moecl.home", tmp.resolve("other-home").toString());
        assertFalse(run("list", "router").out().contains("homerouter"));
    }

    @Test
    void aCorruptJarAndAFailingProviderAreListedWithTheReasonAndAskingForThemSaysWhy() throws Exception {
        Path plugins = tmp.resolve("plugins");
        routerJar(tmp, plugins.resolve("lastexpert.jar"), "LastExpertFactory", "lastexpert", "the highest expert",
                2, null);
        Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file");
        Files.createDirectories(plugins.resolve("folder.jar"));
        PluginJars.jar(tmp, plugins.resolve("exploding.jar"), "ExplodingFactory", """
                package thirdparty;

                public final class ExplodingFactory implements moecl.plugin.RouterFactory {
                    public ExplodingFactory() {
                        throw new IllegalStateException("no licence file");
                    }

                    public moecl.plugin.PluginDescriptor descriptor() {
                        throw new AssertionError();
                    }

                    public moecl.router.Router create(moecl.plugin.Params p, moecl.plugin.BuildContext c) {
                        throw new AssertionError();
                    }
                }
                """, "moecl.plugin.RouterFactory", null);
        Result list = run("list", "--plugin-path", plugins.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("  lastexpert     the highest expert  [lastexpert.jar sha256:"), list.out());
        assertTrue(list.out().contains("\n  thirdparty.ExplodingFactory FAILED TO LOAD from exploding.jar: "
                + "java.util.ServiceConfigurationError: moecl.plugin.RouterFactory: Provider "
                + "thirdparty.ExplodingFactory could not be instantiated; caused by java.lang.IllegalStateException: "
                + "no licence file\n"), list.out());
        assertTrue(list.out().endsWith("plugin jars that failed to load:\n"
                + "  broken.jar     FAILED TO LOAD: not a readable jar: zip END header not found\n"
                + "  folder.jar     FAILED TO LOAD: not a regular file\n"), list.out());

        Result broken = run("run", "router=broken", "T=5", "--quiet", "--plugin-path", plugins.toString());
        assertEquals(2, broken.code());
        assertEquals("moecl: router 'broken' failed to load: broken.jar: not a readable jar: zip END header not "
                + "found\n", broken.err());
        Result exploding = run("run", "router=exploding", "T=5", "--quiet", "--plugin-path", plugins.toString());
        assertEquals(2, exploding.code());
        assertEquals("moecl: router 'exploding' failed to load: thirdparty.ExplodingFactory in exploding.jar: "
                + "java.util.ServiceConfigurationError: moecl.plugin.RouterFactory: Provider "
                + "thirdparty.ExplodingFactory could not be instantiated; caused by java.lang.IllegalStateException: "
                + "no licence file\n", exploding.err());
        Result describe = run("describe", "exploding", "--plugin-path", plugins.toString());
        assertEquals(2, describe.code());
        assertTrue(describe.err().startsWith("moecl: router 'exploding' failed to load: "), describe.err());
        // a name nothing matches: unknown, and what failed to load
        Result other = run("run", "router=zzz", "T=5", "--quiet", "--plugin-path", plugins.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().endsWith("; failed to load: broken.jar, folder.jar, thirdparty.ExplodingFactory "
                + "(moecl list says why)\n"), other.err());
        assertEquals(1, other.err().lines().count(), other.err());
    }

    @Test
    void aJarWithoutReadPermissionIsListedAsFailed() throws Exception {
        Path plugins = tmp.resolve("plugins");
        Path jar = routerJar(tmp, plugins.resolve("locked.jar"), "LockedFactory", "locked", "unreadable", 0, null);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(jar), "root reads any file");
            Result list = run("list", "--plugin-path", plugins.toString());
            assertTrue(list.out().endsWith("plugin jars that failed to load:\n"
                    + "  locked.jar     FAILED TO LOAD: cannot read it: permission denied\n"), list.out());
            Result r = run("run", "router=locked", "T=5", "--quiet", "--plugin-path", plugins.toString());
            assertEquals(2, r.code());
            assertEquals("moecl: router 'locked' failed to load: locked.jar: cannot read it: permission denied\n",
                    r.err());
        } finally {
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
