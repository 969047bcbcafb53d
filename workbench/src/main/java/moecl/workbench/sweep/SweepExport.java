package moecl.workbench.sweep;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code moecl export}: views written on request, whatever their size. */
public final class SweepExport {

    private SweepExport() {
    }

    /** Writes the folder's {@code rounds.csv} from its results (finished runs, in run order). */
    public static Path roundsCsv(Path folder) {
        try (SweepStore store = SweepStore.open(folder)) {
            JsonNode[] records = SweepViews.records(store);
            Path csv = folder.resolve("rounds.csv");
            SweepViews.writeCsv(store, records, csv);
            return csv;
        }
    }
}
