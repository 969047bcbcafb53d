package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import moecl.plugin.Registry;
import moecl.workbench.RunRequest;

/** The per-setting table says when a metric's mean leaves out runs whose value was not finite. */
class SweepTableTest {

    @Test
    void aMeanOverFewerRunsThanTheSettingsNSaysSo() throws Exception {
        SweepPlan plan = SweepPlan.of(Registry.standard(), new RunRequest().setAll(List.of("M=2", "T=10"))
                .expand(List.of(1L, 2L, 3L), Map.of()), false);
        JsonNode[] records = new JsonNode[3];
        String[] finals = {"{\"F\": 0.1, \"G\": 0.5}", "{\"F\": null, \"G\": 0.7}", "{\"F\": 0.3, \"G\": 0.6}"};
        for (int i = 0; i < 3; i++) {
            records[i] = RunIo.JSON.readTree("{\"run\": " + i + ", \"final\": " + finals[i] + "}");
        }
        String table = SweepTable.table(plan, records);
        String row = table.lines().toList().get(1); // the one setting's row, under the header
        assertTrue(row.contains("0.20000±0.10 (2/3)"), table); // F: two finite values of three runs
        assertTrue(row.contains("0.60000±0.058 "), table); // G: all three, no note
        assertFalse(row.contains("0.60000±0.058 ("), table);
    }

    @Test
    void aValueRoundingToZeroFromBelowPrintsAsZero() {
        org.junit.jupiter.api.Assertions.assertEquals("0.00000", SweepTable.five(-0.0));
        org.junit.jupiter.api.Assertions.assertEquals("0.00000", SweepTable.five(-3e-7));
        org.junit.jupiter.api.Assertions.assertEquals("-0.00001", SweepTable.five(-7e-6));
        org.junit.jupiter.api.Assertions.assertEquals("NaN", SweepTable.five(Double.NaN));
    }
}
