package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bundled script runs with small parameters and writes the outputs it promises. */
class BundledScriptsTest {

    @TempDir
    Path tmp;

    static void assertPng(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), () -> "missing " + p);
        byte[] b = Files.readAllBytes(p);
        assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', () -> "not a PNG: " + p);
    }

    static List<String> csv(Path p) throws IOException {
        assertTrue(Files.isRegularFile(p), () -> "missing " + p);
        return Files.readAllLines(p);
    }

    @Test
    void customRouterJs() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("custom_router.js"),
                Map.of("T", "150", "seeds", "2"));
        assertEquals(1, o.folders().size(), s.out.toString());
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("custom_router_F.png"));
        assertPng(folder.resolve("custom_router_G.png"));
        List<String> lines = csv(folder.resolve("custom_router_mean.csv"));
        assertEquals("t,F_paper,G_paper,F_cosine,G_cosine", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(s.out.toString().contains("cosine: mean final F_ref = "), s.out.toString());
        assertEquals(150L, o.params().get("T"));
        assertTrue(s.host != null && ScriptTestSupport.REGISTRY.find(moecl.plugin.PluginKind.ROUTER, "cosine").isEmpty(),
                "script plugins are removed when the script ends");
    }

    @Test
    void customRouterPy() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("custom_router.py"),
                Map.of("T", "120", "seeds", "1"));
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("custom_router_py_F.png"));
        assertPng(folder.resolve("custom_router_py_G.png"));
        assertTrue(s.out.toString().contains("cosine_py: mean final F_ref = "), s.out.toString());
        System.out.println("python start-up ms: " + o.startMillis());
    }
}
