package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's moecl.run goes through the sweep path: a sweep folder, settings labelled by what varies, statistics. */
class ScriptSweepTest {

    @TempDir
    Path tmp;

    @Test
    void runReturnsSettingsLabelledByTheKeysThatVary() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("grid.js", """
                const r = moecl.sweep({T: 60, seeds: 3}, {router: ['paper', 'paper(stop=never)'], M: [2, 3]});
                const lines = r.settings.map(x => x.label + ' n=' + x.n + ' meanG=' + x.final.G.mean
                    + ' medianG=' + x.final.G.median);
                print(lines.join('\\n'));
                const g = r.runs.filter(x => x.routerName === 'paper' && x.M === 3).map(x => x.final.G);
                print('check ' + (g.reduce((a, b) => a + b, 0) / g.length));
                print('folder ' + r.folder);
                """, Map.of());
        String out = s.out.toString();
        assertTrue(out.contains("router=paper M=2 n=3 meanG="), out);
        assertTrue(out.contains("router=paper(stop=never) M=3 n=3 meanG="), out);
        String line = out.lines().filter(l -> l.startsWith("router=paper M=3 ")).findFirst().orElseThrow();
        double mean = Double.parseDouble(line.split("meanG=")[1].split(" ")[0]);
        double check = Double.parseDouble(out.lines().filter(l -> l.startsWith("check ")).findFirst().orElseThrow()
                .substring(6));
        assertEquals(check, mean, 1e-15 * Math.abs(check));
        Path folder = Path.of(out.lines().filter(l -> l.startsWith("folder ")).findFirst().orElseThrow().substring(7));
        assertTrue(Files.isRegularFile(folder.resolve("sweep.json")), folder.toString());
        // every run stored in the folder's results (one frame per run in the segment files)
        assertEquals(12, moecl.workbench.sweep.RunIndex.scan(folder).runs().size());
    }
}
