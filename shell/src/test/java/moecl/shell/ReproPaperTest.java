package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import moecl.shell.Cli.Result;

/**
 * {@code repro paper --quick} end to end: the report files exist and parse, every claim has a verdict and numbers,
 * the HTML is self-contained, the replays hold, and a report with a lost experiment resumes to the same claims.
 */
class ReproPaperTest {

    @TempDir
    Path tmp;

    static final Set<String> VERDICTS = Set.of("holds", "does not hold", "inconclusive at this n", "not run");

    @Tag("heavy")
    @Test
    void quickReportEndToEndAndResume() throws Exception {
        Path data = Fig3ReproTest.realMnist();
        List<String> args = new ArrayList<>(List.of("repro", "paper", "--quick", "--seeds", "6", "--fig3-seeds", "1",
                "--out", tmp.toString()));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        Result r = run(args.toArray(String[]::new));
        assertEquals(data != null ? 0 : Commands.RUNS_FAILED, r.code(), r.out() + r.err());
        Path report;
        try (Stream<Path> s = Files.list(tmp)) {
            report = s.filter(p -> p.getFileName().toString().endsWith("-paper-quick")).findFirst().orElseThrow();
        }
        assertTrue(r.out().contains("report: " + report.resolve("report.html")), r.out());
        JsonNode claims = new ObjectMapper().readTree(report.resolve("claims.json").toFile());
        assertTrue(claims.path("quick").asBoolean());
        assertTrue(claims.path("claims").size() >= 20, claims.toPrettyString());
        for (JsonNode c : claims.path("claims")) {
            String id = c.path("id").asText();
            assertTrue(VERDICTS.contains(c.path("verdict").asText()), id + ": " + c.path("verdict"));
            assertFalse(c.path("statement").asText().isBlank(), id);
            if (!c.path("verdict").asText().equals("not run")) {
                assertTrue(c.path("n").asInt() >= 1 && c.path("mean").isNumber(), id + ": " + c);
                assertTrue(r.out().contains(id), "the command lists " + id);
            } else {
                assertTrue(id.startsWith("fig3") && data == null, id + " did not run: " + c.path("note"));
            }
        }
        // the replays are exact checks and hold (the Fig. 2 one for the runs whose gate freezes)
        for (JsonNode c : claims.path("claims")) {
            if (c.path("id").asText().startsWith("replay")) {
                assertEquals("holds", c.path("verdict").asText(), c.toString());
            }
        }
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("This is the reduced report"), "says it is reduced");
        assertTrue(html.split("data:image/png;base64,", -1).length - 1 >= 9, "figures embedded");
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no network");
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| `fig2.single-expert-plateau` |"), md);
        try (Stream<Path> s = Files.list(report.resolve("figures"))) {
            for (Path png : s.toList()) {
                byte[] b = Files.readAllBytes(png);
                assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png.toString());
            }
        }
        JsonNode prov = claims.path("provenance");
        assertNotNull(prov.path("cpu").asText(null));
        assertEquals(7, prov.path("experiments").size());

        // lose one experiment's folder: resume computes it again and the claims come out the same
        Path lost;
        try (Stream<Path> s = Files.list(report)) {
            lost = s.filter(p -> p.getFileName().toString().endsWith("-theory-definition1")).findFirst()
                    .orElseThrow();
        }
        moecl.workbench.RunFolder.deleteQuietly(lost);
        Result again = run("resume", report.toString());
        assertEquals(r.code(), again.code(), again.out() + again.err());
        JsonNode after = new ObjectMapper().readTree(report.resolve("claims.json").toFile());
        assertEquals(claims.path("claims"), after.path("claims"));
    }

    @Test
    void badOptionsAreRefused() {
        Result r = run("repro", "paper", "--seeds", "1..5", "--out", tmp.toString());
        assertEquals(Commands.BAD_INPUT, r.code());
        assertTrue(r.err().contains("repro paper --seeds takes a count N (seeds 1..N), got '1..5'"), r.err());
        r = run("repro", "paper", "--quirk", "--out", tmp.toString());
        assertEquals(Commands.BAD_INPUT, r.code());
        assertTrue(r.err().contains("repro paper takes --quick, --seeds N"), r.err());
        r = run("repro", "fig2", "--quick", "--out", tmp.toString());
        assertEquals(Commands.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--quick and --fig3-seeds are for repro paper only"), r.err());
    }
}
