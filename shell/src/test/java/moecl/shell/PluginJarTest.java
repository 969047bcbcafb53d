package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;


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
                    return PluginDescriptor.of(PluginKind.ROUTER, "lastexpert",
                            "always the expert with the highest index",
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
        return PluginJars.build(tmp, "LastExpertFactory", SOURCE, "moecl.plugin.RouterFactory");
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
