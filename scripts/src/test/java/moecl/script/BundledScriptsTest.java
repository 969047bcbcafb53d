package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
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
        assertTrue(s.host != null
                && ScriptTestSupport.REGISTRY.find(moecl.plugin.PluginKind.ROUTER, "cosine").isEmpty(),
                "script plugins are removed when the script ends");
    }

    @Tag("heavy") // a GraalPy context per script; fig45Py keeps Python in the everyday tier
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

    @Test
    void fig2Js() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("fig2.js"), Map.of("T", "120", "seeds", "2"));
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("fig2_F.png"));
        assertPng(folder.resolve("fig2_G.png"));
        assertTrue(Files.readString(folder.resolve("fig2_F.svg")).contains("<svg"));
        List<String> mean = csv(folder.resolve("fig2_mean.csv"));
        assertEquals(121, mean.size());
        assertTrue(mean.get(0).startsWith("t,F_ref_stop_M1,G_ref_stop_M1,F_ref_stop_M5"), mean.get(0));
        List<String> fin = csv(folder.resolve("fig2_final.csv"));
        assertEquals("variant,M,seeds,F,F_se,G,G_se,meanFreezeRound", fin.get(0));
        assertEquals(9, fin.size());
        assertTrue(fin.get(1).startsWith("stop,1,2,"), fin.get(1));
        assertTrue(s.out.toString().contains("nostop M=20"), s.out.toString());
    }

    @Test
    void fig45Py() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("fig45.py"),
                Map.of("T", "160", "repeats", "2", "quirk", "true"));
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("fig45_F.png"));
        assertPng(folder.resolve("fig45_G.png"));
        List<String> sum = csv(folder.resolve("fig45_summary.csv"));
        assertEquals("e,gamma,repeats,F,F_se,G,G_se,frozen,meanFreezeRound", sum.get(0));
        assertEquals(5, sum.size());
        assertTrue(sum.get(1).startsWith("0.75,0.5029"), sum.get(1));
        assertTrue(s.out.toString().contains("e=1.5"), s.out.toString());
    }

    @Test
    void theoryVsSimJs() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("theory_vs_sim.js"),
                Map.of("T", "60", "seeds", "3"));
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("theory_vs_sim_F.png"));
        assertPng(folder.resolve("theory_vs_sim_G.png"));
        List<String> t = csv(folder.resolve("theory_vs_sim.csv"));
        assertEquals(61, t.size());
        assertTrue(t.get(0).startsWith("t,F_M1,G_M1,F_theory_M1,G_theory_M1,F_M3"), t.get(0));
        assertTrue(s.out.toString().contains("theory: exact"), s.out.toString());
        assertTrue(s.out.toString().contains("M=3: F = "), s.out.toString());
    }

    @Tag("heavy") // a GraalPy context per script; fig45Py keeps Python in the everyday tier
    @Test
    void sweepExpertsPy() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("sweep_experts.py"),
                Map.of("T", "100", "seeds", "2", "Ms", "[1,5,10]"));
        Path folder = o.folders().get(0);
        assertPng(folder.resolve("final_forgetting.png"));
        List<String> rows = csv(folder.resolve("final_forgetting.csv"));
        assertEquals("M,seeds,F,F_se,G,G_se", rows.get(0));
        assertEquals(4, rows.size());
        assertTrue(rows.get(3).startsWith("10,2,"), rows.get(3));
        assertTrue(Files.readString(folder.resolve("rounds.csv")).lines().count() == 1 + 3 * 2 * 100);
    }

    @Tag("heavy") // a GraalPy context per script; fig45Py keeps Python in the everyday tier
    @Test
    void arraysPyImportsItsHelperAndFitsWithTheArrayLibrary() throws IOException {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome o = s.run(ScriptTestSupport.EXAMPLES.resolve("arrays.py"),
                Map.of("T", "60", "seeds", "2", "Ms", "[1,2,4]"));
        Path folder = o.folders().get(0);
        List<String> table = csv(folder.resolve("arrays_table.csv"));
        assertEquals(4, table.size(), table.toString());
        assertTrue(table.get(0).startsWith("setting,label,M,n,F_mean,"), table.get(0));
        assertTrue(table.get(3).startsWith("2,M=4,4,2,"), table.get(3));
        List<String> fit = csv(folder.resolve("arrays_fit.csv"));
        assertEquals("M,F_final,fit", fit.get(0));
        assertEquals(4, fit.size());
        // the fit's intercept and slope reproduce the three points in the least-squares sense: residuals sum to 0
        double sum = 0;
        for (String row : fit.subList(1, 4)) {
            String[] c = row.split(",");
            sum += Double.parseDouble(c[1]) - Double.parseDouble(c[2]);
        }
        assertEquals(0, sum, 1e-12);
        assertTrue(s.out.toString().contains("fit: F_ref(T) ≈ "), s.out.toString());
    }
}
