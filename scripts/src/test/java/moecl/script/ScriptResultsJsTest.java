package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript scripts: {@code moecl.load} reads a run folder back (read-only) like {@code moecl.run} returned it;
 * {@code res.table} is a table; {@code Math.random} is seeded per script; script plugin errors name the plugin's
 * line, the run, the seed and the round.
 */
class ScriptResultsJsTest {

    @TempDir
    Path tmp;

    @Test
    void loadReadsARunFolderBackAsRunReturnedIt() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("load.js", """
                const res = moecl.run({M: [1, 3], T: 40, seeds: 2, name: 'two'});
                const back = moecl.load(res.folder);
                moecl.log('runs', back.runs.length, back.runs[3].F.length, back.runs[3].M);
                moecl.log('same', back.runs.every((r, i) => r.final.F === res.runs[i].final.F
                    && r.G[17] === res.runs[i].G[17] && r.expert[5] === res.runs[i].expert[5]));
                const t = back.table;
                moecl.log('table', t.length, t.columns.slice(0, 4).join(','), t.rows[1].M, t.rows[1].n);
                const m1 = res.runs.filter(r => r.M === 1).map(r => r.final.F);
                moecl.log('mean', m1.length, Math.abs(t.column('F_mean')[0] - (m1[0] + m1[1]) / 2) < 1e-15);
                moecl.log('text', String(t) === String(res.table), t.text() === String(res.table) + '\\n');
                const byName = moecl.load(res.folder.split('/').pop());
                moecl.log('byName', byName.runs.length);
                """, Map.of());
        String out = s.out.toString();
        assertTrue(out.contains("runs 4 40 3\n"), out);
        assertTrue(out.contains("same true\n"), out);
        assertTrue(out.contains("table 2 setting,label,M,n 3 2\n"), out);
        assertTrue(out.contains("mean 2 true\n"), out);
        assertTrue(out.contains("text true true\n"), out);
        assertTrue(out.contains("byName 4\n"), out);
        // read-only: loading again changes no file of the folder
        Map<String, String> before = files(s.host.runsRoot());
        s.runCode("again.js", "moecl.load(moecl.plugins('router').length > 0 ? '" + "runs/" + "' + "
                + "'" + Files.list(s.host.runsRoot()).findFirst().orElseThrow().getFileName() + "' : '');\n", Map.of());
        assertEquals(before, files(s.host.runsRoot()));
        ScriptException outside = assertThrows(ScriptException.class, () -> s.runCode("out.js",
                "moecl.load('/etc');\n", Map.of()));
        assertTrue(outside.getMessage().contains(":1: moecl sandbox: /etc is outside the folders"),
                outside.getMessage());
        ScriptException notRun = assertThrows(ScriptException.class, () -> s.runCode("not.js",
                "moecl.load('.');\n", Map.of()));
        assertTrue(notRun.getMessage().endsWith(":1: load: . is not a run folder (it has no sweep.json)"),
                notRun.getMessage());
    }

    private static Map<String, String> files(Path root) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    @Test
    void tablePrintsAsBeforeAndWritesAsCsv() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("table.js", """
                const res = moecl.run({M: [1, 2], T: 20, save: false});
                moecl.log(res.table);
                moecl.writeCsv('runs/t.csv', res.table);
                """, Map.of());
        String out = s.out.toString();
        assertTrue(out.startsWith("run  seed   setting"), out);
        assertTrue(!out.contains("moecl.script") && !out.contains("@"), out);
        List<String> csv = Files.readAllLines(tmp.resolve("runs/t.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("setting,label,M,n,F_mean,F_se,F_median,F_min,F_max,"), csv.get(0));
        assertTrue(csv.get(2).startsWith("1,M=2,2,1,"), csv.get(2));
    }

    @Test
    void mathRandomGivesTheSameValuesOnEveryRunOfAScript() throws Exception {
        String code = "const p = moecl.params({seed: 1});\nmoecl.log('r', Math.random(), Math.random());\n";
        ScriptTestSupport a = new ScriptTestSupport(tmp);
        a.runCode("rand.js", code, Map.of());
        ScriptTestSupport b = new ScriptTestSupport(tmp);
        b.runCode("rand.js", code, Map.of());
        ScriptTestSupport c = new ScriptTestSupport(tmp);
        c.runCode("rand.js", code, Map.of("seed", "2"));
        assertTrue(a.out.toString().startsWith("r 0."), a.out.toString());
        assertEquals(a.out.toString(), b.out.toString());
        assertTrue(!a.out.toString().equals(c.out.toString()), c.out.toString());
    }

    @Test
    void aScriptRoutersErrorNamesItsLineTheRunTheSeedAndTheRound() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = assertThrows(ScriptException.class, () -> s.runCode("bad.js", """
                moecl.registerRouter('bad', {
                  route(task) {
                    if (task.round === 4) {
                      throw new Error('no expert for round ' + task.round);
                    }
                    return 0;
                  }
                });
                moecl.run({router: 'bad', M: 2, T: 10, seeds: [5], save: false});
                """, Map.of()));
        assertEquals(tmp.resolve("bad.js") + ":4: Error: no expert for round 4 (router bad failed at round 4; run 0 "
                + "of 1, router=bad M=2, seed 5)", e.getMessage());
        ScriptException expert = assertThrows(ScriptException.class, () -> s.runCode("expert.js", """
                class Tired {
                  constructor(ctx) { this.index = ctx.index; }
                  learn(task) {
                    if (task.round === 3 && this.index === 1) { throw new RangeError('expert 1 gives up'); }
                    return 0;
                  }
                }
                moecl.registerExpert('tired', Tired);
                moecl.registerRouter('alternate', { route(task) { return task.round % 2; } });
                moecl.run({experts: 'tired', router: 'alternate', M: 2, T: 10, seeds: 2, save: false});
                """, Map.of()));
        assertTrue(expert.getMessage().startsWith(tmp.resolve("expert.js")
                + ":4: RangeError: expert 1 gives up (expert "),
                expert.getMessage());
        assertTrue(expert.getMessage().contains(", seed 1"), expert.getMessage());
        ScriptException shape = assertThrows(ScriptException.class, () -> s.runCode("shape.js", """
                moecl.registerRouter('first', {
                  route(task) { return 'first'; }
                });
                moecl.run({router: 'first', M: 2, T: 10, save: false});
                """, Map.of()));
        assertTrue(shape.getMessage().startsWith(tmp.resolve("shape.js") + ":2: script router 'first': route(task) "
                + "must return an expert index (an integer 0..1) or {expert: i, gate?, probs?}, got 'first' (router "
                + "first failed at round 1; run 0 of 1"), shape.getMessage());
    }

    /**
     * unregister removes what the script registered; a built-in plugin is refused with a message (a review found it
     * returning false unnoticed); a name that is no plugin gives false.
     */
    @Test
    void unregisterRemovesTheScriptsOwnAndRefusesOthers() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("un.js", """
                moecl.registerRouter('mine', { route(task) { return 0; } });
                moecl.log(moecl.unregister('router', 'mine'), moecl.unregister('router', 'mine'),
                          moecl.unregister('router', 'nosuch'));
                """, Map.of());
        assertTrue(s.out.toString().contains("true false false"), s.out.toString());
        ScriptException e = assertThrows(ScriptException.class, () -> s.runCode("builtin.js",
                "moecl.unregister('router', 'paper');\n", Map.of()));
        assertTrue(e.getMessage().contains("unregister: router 'paper' was not registered by this script (built-in); "
                + "a script can remove only the plugins it registered"), e.getMessage());
    }
}
