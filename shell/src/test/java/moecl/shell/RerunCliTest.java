package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/**
 * {@code moecl rerun}: a run, a sweep (numpy-legacy, whose runs hand state on from run to run) and a script's run
 * are computed again from their plans and found byte-identical; a changed value is found with its line, run,
 * round and column; a changed data file is named by its checksum; a folder without a plan is refused.
 */
class RerunCliTest {

    @TempDir
    Path tmp;

    private Path only(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void aSweepIsReproducedAndAChangedValueIsFound() throws IOException {
        Path runs = tmp.resolve("runs");
        Result r = run("run", "M=[1,3]", "T=60", "--seeds", "1..2", "--out", runs.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder = only(runs);
        Result again = run("rerun", folder.toString(), "--threads", "1");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("identical  summary.json"), again.out());
        assertTrue(again.out().contains("identical  rounds.csv"), again.out());
        assertTrue(again.out().contains("reproduced: " + folder + " (byte-identical)"), again.out());

        // one digit changed in run 2, round 5 (the 3rd run's 5th row: header + 2 runs x 60 rows + 5)
        Path csv = folder.resolve("rounds.csv");
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        int g = header.indexOf("G");
        int line = 1 + 2 * 60 + 5;
        String[] f = lines.get(line - 1).split(",");
        assertEquals("2", f[header.indexOf("run")]);
        assertEquals("5", f[header.indexOf("t")]);
        String was = f[g];
        f[g] = was.endsWith("1") ? was.substring(0, was.length() - 1) + "2" : was.substring(0, was.length() - 1) + "1";
        lines.set(line - 1, String.join(",", f));
        Files.write(csv, lines);
        Result differs = run("rerun", folder.toString());
        assertEquals(Commands.NOT_REPRODUCED, differs.code(), differs.out() + differs.err());
        assertTrue(differs.out().contains("DIFFERENT  rounds.csv: rounds.csv line " + line + " (run=2, t=5), column G: "
                + "original " + f[g] + ", re-run " + was), differs.out());
        assertTrue(differs.out().contains("identical  summary.json"), differs.out());
        assertTrue(differs.out().contains("NOT reproduced"), differs.out());
    }

    @Test
    void aNumpyLegacySweepWithCarriedStateIsReproduced() throws IOException {
        Path runs = tmp.resolve("runs");
        Result r = run("repro", "fig45", "--seed", "3", "--repeats", "2", "--quirk", "--rng", "numpy-legacy",
                "--T", "220", "--out", runs.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Result again = run("rerun", only(runs).toString(), "--threads", "2");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("reproduced: "), again.out());
    }

    @Test
    void aScriptRunIsReproduced() throws IOException {
        Path runs = tmp.resolve("runs");
        Path script = tmp.resolve("s.js");
        Files.writeString(script, "const r = moecl.run({ M: [2, 4], T: 50, seeds: 2, router: 'paper(stop=never)' });\n"
                + "moecl.log(r.folder);\n");
        Result r = run("script", script.toString(), "--out", runs.toString());
        assertEquals(0, r.code(), r.err());
        Result again = run("rerun", only(runs).toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("identical  rounds.csv"), again.out());
    }

    @Test
    void changedProvenanceIsNamed() throws IOException {
        Path runs = tmp.resolve("runs");
        assertEquals(0, run("run", "M=2", "T=30", "--out", runs.toString(), "--quiet").code());
        Path folder = only(runs);
        Path manifest = folder.resolve("manifest.json");
        String m = Files.readString(manifest);
        Path data = tmp.resolve("data.bin");
        Files.writeString(data, "now");
        String sha = "0".repeat(64);
        m = m.replaceFirst("\"plugins\" :", "\"data\" : [ { \"plugin\" : \"generator x\", \"file\" : \""
                + data.toString().replace("\\", "\\\\") + "\", \"bytes\" : 3, \"sha256\" : \"" + sha + "\" } ],\n"
                + "  \"plugins\" :");
        m = m.replaceFirst("\"java\" : \"[^\"]*\"", "\"java\" : \"21.0.1\"");
        Files.writeString(manifest, m);
        Result again = run("rerun", folder.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("provenance: Java: recorded 21.0.1, now " + Runtime.version()), again.out());
        assertTrue(again.out().contains("provenance: data " + data + " sha256: recorded " + sha + ", now "
                + "ed5eb9a37e2d8231af3388319b941995f6dc8755c56043d0cc52b5fe405a87de"), again.out());
    }

    /** A run on MNIST records the four files' sha256 (checked against the system's sha256sum) and re-runs. */
    @Test
    void mnistRunsRecordTheirDataAndReRun() throws Exception {
        Path data = Fig3ReproTest.realMnist();
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null, "no MNIST files in shared/data/mnist");
        Path runs = tmp.resolve("runs");
        Result r = run("run", "tasks=mnist(data=\"" + data + "\", test=50)", "experts=mlp(hidden=[4], steps=3)",
                "M=2", "T=3", "--out", runs.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder = only(runs);
        com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("manifest.json").toFile());
        assertEquals(4, m.path("data").size(), m.toPrettyString());
        for (com.fasterxml.jackson.databind.JsonNode d : m.path("data")) {
            Path file = Path.of(d.path("file").asText());
            Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
            String expected = new String(p.getInputStream().readAllBytes()).split(" ")[0];
            assertEquals(0, p.waitFor());
            assertEquals(expected, d.path("sha256").asText(), file.toString());
            assertEquals(Files.size(file), d.path("bytes").asLong());
            assertEquals("generator mnist", d.path("plugin").asText());
        }
        Result again = run("rerun", folder.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("identical  rounds.csv"), again.out());
        assertTrue(!again.out().contains("provenance: data"), "the data files are unchanged: " + again.out());
    }

    /**
     * Refused before computing anything (a review found both running the whole plan first): a folder a script's own
     * router made (the router is gone with the script), and a folder that never finished (nothing to compare).
     */
    @Test
    void aScriptPluginsFolderAndAnUnfinishedOneAreRefusedUpFront() throws IOException {
        Path runs = tmp.resolve("runs");
        Path script = tmp.resolve("own.js");
        Files.writeString(script, "moecl.registerRouter('mine', { route(task) { return 0; } });\n"
                + "moecl.run({ router: 'mine', M: 2, T: 30, seeds: 2 });\n");
        assertEquals(0, run("script", script.toString(), "--out", runs.toString()).code());
        Path folder = only(runs);
        Result r = run("rerun", folder.toString());
        assertEquals(Commands.BAD_INPUT, r.code(), r.err());
        assertEquals("moecl: cannot re-run " + folder + ": it used router 'mine', defined in the session that ran it "
                + "(a script or the REPL), which a re-run from files cannot rebuild: run that script or session again",
                r.err().strip());
        Files.delete(folder.resolve("summary.json")); // as a sweep stopped before its end leaves it
        Result unfinished = run("rerun", folder.toString());
        assertEquals(Commands.BAD_INPUT, unfinished.code(), unfinished.err());
        assertTrue(unfinished.err().contains(folder + " is not finished (it has no summary.json), so there is nothing "
                + "to compare a re-run with: complete it first (moecl resume " + folder + ")"), unfinished.err());
    }

    @Test
    void aFolderWithoutPlanIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("old"));
        Result r = run("rerun", tmp.resolve("old").toString());
        assertEquals(Commands.BAD_INPUT, r.code());
        assertTrue(r.err().contains("has no sweep.json: rerun needs a folder written by run"), r.err());
    }

    /** A malformed plan is named where it is, not in the re-run's temporary copy (a review found the copy's path). */
    @Test
    void aMalformedPlanIsNamedInTheFolder() throws IOException {
        Path out = tmp.resolve("runs");
        assertEquals(0, run("run", "M=2", "T=20", "--out", out.toString(), "--quiet").code());
        Path folder;
        try (java.util.stream.Stream<Path> s = Files.list(out)) {
            folder = s.findFirst().orElseThrow();
        }
        Files.writeString(folder.resolve("sweep.json"), "{\"runs\": [");
        Result r = run("rerun", folder.toString());
        assertEquals(Commands.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(folder.resolve("sweep.json").toString()), r.err());
        assertTrue(!r.err().contains("moecl-rerun-"), r.err());
    }
}
