package moecl.shell.cli;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code repro}. */
class RunOptions {
    @Option(names = "--seed", paramLabel = "S", description = "master seed (default 1)")
    Long seed;

    @Option(names = "--seeds", paramLabel = "A..B", description = "a range of seeds, inclusive")
    String seeds;

    @Option(names = "--threads", paramLabel = "K", description = "worker threads (default: cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for run folders (default runs)")
    Path out;

    @Option(names = "--quiet", description = "no table, only the run folder")
    boolean quiet;

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--rounds", paramLabel = "csv|none", description = "write rounds.csv: csv (always), none, or "
            + "by default up to 10^7 rows (moecl export writes it later)")
    String rounds;

    int threads() {
        return threads(threads);
    }

    /** The {@code --threads} of a command: 1 to 1024, the processors when not given. */
    static int threads(Integer threads) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new IllegalArgumentException("--threads " + t + " is out of range; allowed: 1 to 1024");
        }
        return t;
    }
}
