package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin jar with a {@code META-INF/services} entry, dropped in a plugin folder, just works: it is
 * listed, described, validated and run like a built-in plugin. The jar is compiled and packed by the test itself.
 */
class PluginJarTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearPluginPath() {
        System.clearProperty("moecl.plugin.path");
    }

    static final String SOURCE = """
            package thirdparty;

            import moecl.expert.LearnReport;
            import moecl.plugin.*;
            import moecl.router.*;
            import moecl.task.Task;

            public final class LastExpertFactory implements RouterFactory {
                public PluginDescriptor descriptor() {
                    return PluginDescriptor.of(PluginKind.ROUTER, "lastexpert", "always the expert with the highest index",
                            Param.integer("offset", 0).nonNegative().doc("experts to skip from the top"));
                }

                public Router create(Params params, BuildContext context) {
                    int e = context.experts() - 1 - params.int32("offset");
                    if (e < 0) {
                        throw new IllegalArgumentException("lastexpert: offset must be < M");
                    }
                    return new Router() {
                        public Decision route(Task task) {
                            return Decision.of(e);
                        }

                        public void learn(Task task, Decision decision, LearnReport report) {
                        }
                    };
                }
            }
            """;

    Path buildJar() throws IOException {
        Path src = tmp.resolve("src/thirdparty/LastExpertFactory.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, rc, "the plugin compiles");
        Path jar = tmp.resolve("plugins/lastexpert.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/moecl.plugin.RouterFactory"));
            out.write("thirdparty.LastExpertFactory\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("thirdparty/"));
            out.closeEntry();
            try (Stream<Path> s = Files.walk(classes.resolve("thirdparty"))) {
                for (Path c : s.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry("thirdparty/" + c.getFileName()));
                    Files.copy(c, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
        return jar.getParent();
    }

    String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aPluginJarInAPluginFolderIsListedDescribedValidatedAndRun() throws IOException {
        Path folder = buildJar();
        String[] list = run("list", "router", "--plugin-path", folder.toString());
        assertEquals("0", list[0], list[2]);
        assertTrue(list[1].contains("lastexpert     always the expert with the highest index"), list[1]);
        String[] bad = run("run", "router=lastexpert(ofset=1)", "--plugin-path", folder.toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].startsWith("moecl: router 'lastexpert' has no parameter 'ofset'; did you mean 'offset'?"),
                bad[2]);
        Path runs = tmp.resolve("runs");
        String[] ok = run("run", "router=lastexpert(offset=1)", "M=3", "T=30", "--out", runs.toString(), "--quiet",
                "--plugin-path", folder.toString());
        assertEquals("0", ok[0], ok[2]);
        try (Stream<Path> s = Files.list(runs)) {
            Path csv = s.findFirst().orElseThrow().resolve("rounds.csv");
            List<String> rows = Files.readAllLines(csv);
            assertEquals(31, rows.size());
            assertTrue(rows.stream().skip(1).allMatch(r -> r.split(",")[6].equals("1")), "every task to expert 1");
        }
    }
}
