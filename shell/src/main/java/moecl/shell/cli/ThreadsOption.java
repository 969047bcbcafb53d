package moecl.shell.cli;

import picocli.CommandLine.Option;

/** {@code --threads K} of the commands that compute runs here: worker threads, the processors when not given. */
class ThreadsOption {
    @Option(names = "--threads", paramLabel = "K", description = "worker threads (default: cores)")
    Integer threads;

    int threads() {
        return threads(threads);
    }

    /** A {@code --threads} value: 1 to 1024, the processors when not given. */
    static int threads(Integer threads) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 1024) {
            throw new IllegalArgumentException("--threads " + t + " is out of range; allowed: 1 to 1024");
        }
        return t;
    }
}
