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

    @CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

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
        return threads.threads();
    }
}
