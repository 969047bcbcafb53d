package moecl.workbench.sweep;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code moecl export}: views written on request, whatever their size. */
public final class SweepExport {

    private SweepExport() {
    }

    /** Writes the folder's {@code rounds.csv} from its results (finished runs, in run order). */
    public static Path roundsCsv(Path folder) {
        return rounds(folder).csv();
    }

    /** What {@link #rounds} wrote: the file, and how many of the planned runs it holds. */
    public record Written(Path csv, int runs, int planned) {

        /**
         * For an incomplete folder, a note saying so and how to complete it (a review found an export of a folder
         * with a damaged run replacing a complete rounds.csv with fewer runs without a word); null when complete.
         */
        public String note() {
            if (runs == planned) {
                return null;
            }
            Path f = csv.getParent();
            return "note: " + f.getFileName() + " is incomplete: rounds.csv holds its " + runs + " finished runs of "
                    + planned + "; moecl resume " + f + " computes the others";
        }
    }

    /** {@link #roundsCsv}, with the count of the runs written. */
    public static Written rounds(Path folder) {
        try (SweepStore store = SweepStore.open(folder)) {
            JsonNode[] records = SweepViews.records(store);
            Path csv = folder.resolve("rounds.csv");
            SweepViews.writeCsv(store, records, csv);
            int n = 0;
            for (JsonNode r : records) {
                n += r == null ? 0 : 1;
            }
            return new Written(csv, n, records.length);
        }
    }
}
