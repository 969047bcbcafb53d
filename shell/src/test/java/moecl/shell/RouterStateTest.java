package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each run's record carries its router's own account ({@code routerState}): for the paper router with a threshold
 * stop rule, the flags, consistent with the freeze (frozen runs have every expert flagged); routers without one
 * record nothing.
 */
class RouterStateTest {

    @TempDir
    Path tmp;

    @Test
    void paperRouterFlagsAgreeWithTheFreeze() throws Exception {
        Cli.Result r = run("repro", "fig2", "--seeds", "1..6", "--T", "600", "--out", tmp.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode summary;
        try (Stream<Path> s = Files.list(tmp)) {
            summary = new ObjectMapper().readTree(s.findFirst().orElseThrow().resolve("summary.json").toFile());
        }
        int frozen = 0;
        int notFrozen = 0;
        for (JsonNode run : summary.path("runs")) {
            JsonNode state = run.path("routerState");
            int m = run.path("M").asInt();
            if (run.path("variant").asText().equals("nostop")) {
                assertTrue(state.isMissingNode(), "stop=never has no flags: " + run);
                continue;
            }
            assertEquals(m, state.path("flags").size(), run.toString());
            int k = 0;
            for (JsonNode f : state.path("flags")) {
                k += f.asBoolean() ? 1 : 0;
            }
            assertEquals(k, state.path("flagged").asInt());
            if (run.path("freezeRound").isNumber()) {
                assertEquals(m, k, "a frozen gate has every expert flagged: " + run);
                frozen++;
            } else {
                assertTrue(k < m || m == 1, run.toString());
                notFrozen++;
            }
        }
        assertTrue(frozen > 0 && notFrozen > 0, "both kinds seen: " + frozen + " frozen, " + notFrozen + " not");
        assertFalse(summary.toString().contains("\"routerState\":{}"));
    }
}
