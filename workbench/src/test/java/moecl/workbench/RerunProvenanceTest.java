package moecl.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import moecl.plugin.Registry;
import moecl.workbench.sweep.RunIo;

/**
 * What a rerun says about a folder computed in other conditions: the kernels among them, since the generic loops
 * give other last bits (a review found a rerun under {@code -Dmoecl.kernels=generic} saying "NOT reproduced" with no
 * reason given).
 */
class RerunProvenanceTest {

    private static ObjectNode manifest(String kernels) {
        ObjectNode m = RunIo.JSON.valueToTree(Manifest.stamp());
        m.put("dirty", false);
        if (kernels == null) {
            m.remove("kernels");
        } else {
            m.put("kernels", kernels);
        }
        return m;
    }

    @Test
    void theManifestRecordsTheKernelsAndARerunNamesAGenericDifference() {
        assertEquals("auto", Manifest.stamp().get("kernels"), "this test runs with the default kernels");
        Registry reg = Registry.standard();
        List<String> generic = kernelLines(Rerun.provenance(reg, manifest("generic")));
        assertEquals(1, generic.size(), generic.toString());
        assertTrue(generic.get(0).startsWith("kernels: the original ran with moecl.kernels=generic, this rerun with "
                + "auto (the generic loops sum in another order"), generic.get(0));
        assertEquals(List.of(), kernelLines(Rerun.provenance(reg, manifest("scalar"))),
                "scalar and auto give the same bits");
        assertEquals(List.of(), kernelLines(Rerun.provenance(reg, manifest("auto"))));
        assertEquals(List.of(), kernelLines(Rerun.provenance(reg, manifest(null))),
                "an older manifest: auto was all there was");
    }

    /** The lines about the kernels (a build with uncommitted changes adds one about itself). */
    private static List<String> kernelLines(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("kernels")).toList();
    }

    /** Plugins a script or a REPL line defined (origin script or session) are named when a re-run cannot build them. */
    @Test
    void theHintNamesScriptAndSessionPlugins() {
        ObjectNode m = manifest("auto");
        m.putArray("plugins").addObject().put("kind", "router").put("name", "mine").put("origin", "script");
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("plugins")).addObject().put("kind", "expert")
                .put("name", "other").put("origin", "session");
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("plugins")).addObject().put("kind", "router")
                .put("name", "paper").put("origin", "built-in");
        assertEquals(" (router mine, expert other came from a script: re-run that script with moecl script instead)",
                Rerun.originHint(m));
    }
}
