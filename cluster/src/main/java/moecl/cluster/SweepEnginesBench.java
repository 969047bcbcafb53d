package moecl.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.workbench.RunRequest;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepStore;
import moecl.workbench.sweep.SweepViews;

/**
 * Sweep throughput of the engines on this machine, in one invocation (bench/sweep_engines.sh): Fig. 2-size runs
 * (T = 2000, M = 20, the paper router with the Fig. 2 values, one seed each) on the local engine, an embedded
 * Hazelcast member, and this process as a lite driver of two {@code moecl worker} processes on loopback, in
 * alternating order, repeated. Runs per second count the executor's time (computing and writing results/);
 * planning and summary.json are the same for every engine and reported apart. Not a test: numbers depend on the
 * machine and its load.
 *
 * <p>Options: {@code --runs N} (1000), {@code --reps R} (12), {@code --threads K} (2; the local engine and the
 * embedded member), {@code --workers W} (2, of one thread each), {@code --warm N} (20000: warm-up runs that every
 * JVM computing runs does first, in sweeps of {@code --runs}: this process for the local engine and the embedded
 * member, each worker for the driver. The JIT compiles methods called once per run, such as {@code Sweep.runOne},
 * after about 5000 calls and those called once per chunk far later; a worker that has computed 5000 runs still
 * spends 50-110 ms of compiler time per 1000-run sweep, a fresh one up to 0.7 s. The JIT compilers' CPU during the
 * measured repetitions is printed),
 * {@code --worker-main CLASS} ({@code moecl.shell.Main}; its {@code worker} command must be on this class path),
 * {@code --chunk-ms X} (estimated work per chunk), {@code --writers N} (the driver's writer threads; default:
 * chosen by the executor), {@code --thread-cpu true} (CPU by thread of this process and of each worker after each
 * sweep, from /proc where there is one, JIT compiler and GC threads included). Also printed per sweep: the runs'
 * loop time (all threads), this process's CPU time and, for the driver, the workers' CPU time. The summary gives
 * each engine's median rate over the local engine's, and the median of the per-repetition ratios (the machine's
 * speed drifts by 10-20 % over a minute here; a ratio within one repetition is less exposed to it).
 */
public final class SweepEnginesBench {

    private SweepEnginesBench() {
    }

    /** An executor that times its {@link #execute} calls. */
    static final class Timed implements RunExecutor {
        final String label;
        final RunExecutor inner;
        long nanos;
        long cpuNanos;
        double loopSeconds;

        Timed(String label, RunExecutor inner) {
            this.label = label;
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int parallelism() {
            return inner.parallelism();
        }

        @Override
        public void execute(SweepPlan plan, List<int[]> units, SweepStore store, LongConsumer advance) {
            long c = processCpuNanos();
            long t = System.nanoTime();
            inner.execute(plan, units, store, advance);
            nanos = System.nanoTime() - t;
            cpuNanos = processCpuNanos() - c;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--runs", "1000", "--reps", "12", "--threads", "2",
                "--warm", "20000", "--worker-main", "moecl.shell.Main", "--chunk-ms",
                Integer.toString(HazelcastExecutor.DEFAULT_CHUNK_MILLIS), "--thread-cpu", "false",
                "--writers", "default", "--workers", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: " + o.keySet());
            }
            o.put(args[i], args[i + 1]);
        }
        int runs = Integer.parseInt(o.get("--runs"));
        int reps = Integer.parseInt(o.get("--reps"));
        int threads = Integer.parseInt(o.get("--threads"));
        int warm = Integer.parseInt(o.get("--warm"));
        int workerCount = Integer.parseInt(o.get("--workers"));
        double chunkMs = Double.parseDouble(o.get("--chunk-ms"));
        boolean threadCpu = Boolean.parseBoolean(o.get("--thread-cpu"));

        System.out.println("cpu: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; java "
                + Runtime.version() + "; load average " + loadAverage());
        System.out.println("runs: " + runs + " x (T=2000, M=20, router=paper fig2 values, one seed each); " + reps
                + " repetitions in rotating order after at least " + warm + " warm-up runs in each JVM; chunks of "
                + chunkMs + " ms");
        Registry registry = Registry.standard();
        List<RunSpec> specs = specs(1, runs);
        List<RunSpec> warmSpecs = specs(100_001, runs);
        Path root = Files.createTempDirectory("moecl-bench");
        List<Process> workers = new ArrayList<>();
        List<Timed> engines = new ArrayList<>();
        try {
            engines.add(new Timed("local (" + threads + " threads)", new LocalExecutor(registry, threads)));

            long t = System.nanoTime();
            HazelcastExecutor embedded = HazelcastExecutor.embedded(registry, threads);
            double embeddedStart = (System.nanoTime() - t) / 1e9;
            embedded.chunkMillis(chunkMs);
            writers(embedded, o.get("--writers"));
            engines.add(new Timed("hazelcast embedded (" + threads + " threads)", embedded));
            System.out.printf("embedded member start-up: %.2f s%n", embeddedStart);

            StringBuilder members = new StringBuilder();
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < workerCount) {
                int port = ClusterConfigs.freePort(ClusterConfigs.LOOPBACK);
                if (!ports.contains(port)) {
                    ports.add(port);
                    members.append(members.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
                }
            }
            t = System.nanoTime();
            for (int i = 0; i < workerCount; i++) {
                workers.add(startWorker(o.get("--worker-main"), members.toString(), ports.get(i),
                        root.resolve("worker-" + i + ".out")));
            }
            double workersStart = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            HazelcastExecutor driver =
                    HazelcastExecutor.join(registry, ClusterOptions.parse(null, members.toString(), null));
            double joinTime = (System.nanoTime() - t) / 1e9;
            driver.chunkMillis(chunkMs);
            writers(driver, o.get("--writers"));
            engines.add(new Timed("hazelcast driver + " + workerCount + " workers (1 thread each)",
                    driver));
            System.out.printf("%d worker processes started (one after the other) in %.2f s; driver joined in %.2f s%n",
                    workerCount, workersStart, joinTime);

            // every JVM that computes runs computes at least `warm` of them before the measured repetitions: this
            // process for the local engine and the embedded member together, each worker for the driver
            long thisJvm = 0;
            for (int k = 0; thisJvm < warm; k++) {
                Timed e = engines.get(k % 2);
                double s = sweep(registry, warmSpecs, root, e);
                thisJvm += warmSpecs.size();
                System.out.printf("warm-up  %-46s %7.1f runs/s%n", e.label, warmSpecs.size() / s);
            }
            for (long each = 0; each < warm; each += warmSpecs.size() / workerCount) {
                Timed e = engines.get(2);
                double s = sweep(registry, warmSpecs, root, e);
                System.out.printf("warm-up  %-46s %7.1f runs/s%s%n", e.label, warmSpecs.size() / s,
                        String.format(" (workers' JIT compilers: %.2f s so far)", jitSeconds(workers)));
            }
            double jitSelf = jitSeconds("self");
            double jitWorkers = jitSeconds(workers);
            Map<Timed, List<Double>> rate = new LinkedHashMap<>();
            Map<Timed, List<Double>> total = new LinkedHashMap<>();
            for (int r = 0; r < reps; r++) {
                for (int k = 0; k < engines.size(); k++) {
                    Timed e = engines.get((k + r) % engines.size());
                    Map<String, Long> before = threadCpu ? threadCpu() : Map.of();
                    List<Map<String, Long>> wBefore = new ArrayList<>();
                    for (Process p : workers) {
                        wBefore.add(threadCpu ? threadCpu(Long.toString(p.pid())) : Map.of());
                    }
                    double workersBefore = cpuSeconds(workers);
                    long w = System.nanoTime();
                    double s = sweep(registry, specs, root, e);
                    double all = (System.nanoTime() - w) / 1e9;
                    rate.computeIfAbsent(e, x -> new ArrayList<>()).add(runs / s);
                    total.computeIfAbsent(e, x -> new ArrayList<>()).add(all);
                    String extra = e.inner instanceof HazelcastExecutor h ? "  " + describe(h.stats(), runs) : "";
                    if (e == engines.get(engines.size() - 1)) {
                        extra += String.format(", workers' CPU %.2f s", cpuSeconds(workers) - workersBefore);
                    }
                    System.out.printf("rep %d    %-46s %7.1f runs/s  (execute %.2f s, run loops %.2f s, this process's "
                            + "CPU %.2f s, whole sweep %.2f s)%s%n", r + 1, e.label, runs / s, s, e.loopSeconds,
                            e.cpuNanos / 1e9, all, extra);
                    if (threadCpu) {
                        printTopThreads(before, threadCpu());
                        for (int i = 0; i < workers.size(); i++) {
                            System.out.println("         worker " + i + ":");
                            printTopThreads(wBefore.get(i), threadCpu(Long.toString(workers.get(i).pid())));
                        }
                    }
                }
            }
            System.out.println();
            System.out.printf("%-46s %10s %10s %10s %14s %14s%n", "engine", "median", "best", "worst", "median/local",
                    "paired ratio");
            List<Double> local = rate.get(engines.get(0));
            double localMedian = median(local);
            for (Timed e : engines) {
                List<Double> v = rate.get(e);
                List<Double> paired = new ArrayList<>();
                for (int r = 0; r < v.size(); r++) {
                    paired.add(v.get(r) / local.get(r));
                }
                System.out.printf("%-46s %10.1f %10.1f %10.1f %14.3f %14s%n", e.label, median(v),
                        v.stream().mapToDouble(x -> x).max().orElse(0), v.stream().mapToDouble(x -> x).min().orElse(0),
                        median(v) / localMedian, String.format("%.3f (%.3f-%.3f)", median(paired),
                                quartile(paired, 1), quartile(paired, 3)));
            }
            System.out.printf("JIT compiler CPU during the %d repetitions: this process %.2f s, the workers %.2f s "
                    + "(steady state when small beside the sweeps' CPU)%n", reps, jitSeconds("self") - jitSelf,
                    jitSeconds(workers) - jitWorkers);
            System.out.println("(runs/s over the executor's time; paired ratio: the median, and the quartiles, of each "
                    + "repetition's rate over the local engine's in the same repetition; load average at the end "
                    + loadAverage() + ")");
        } finally {
            for (Timed e : engines) {
                e.close();
            }
            for (Process p : workers) {
                p.destroy();
            }
            for (Process p : workers) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            deleteTree(root);
        }
    }

    static void writers(HazelcastExecutor e, String n) {
        if (!n.equals("default")) {
            e.writerThreads(Integer.parseInt(n));
        }
    }

    /**
     * CPU time by thread name (threads of one name pool summed), from /proc/self/task where there is one (it also
     * counts the JVM's own threads: the JIT compilers, the garbage collector), else from the JVM's thread bean.
     */
    static Map<String, Long> threadCpu() {
        return threadCpu("self");
    }

    /** CPU time by thread name of process {@code pid} ("self": this one). */
    static Map<String, Long> threadCpu(String pid) {
        Map<String, Long> out = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/" + pid + "/task");
        if (Files.isDirectory(tasks)) {
            try (var s = Files.list(tasks)) {
                for (Path t : s.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        out.merge(name.replaceAll("[0-9]+", "#"), ticks(stat) * 10_000_000L, Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
                return out;
            } catch (IOException e) {
                out.clear();
            }
        }
        var mx = ManagementFactory.getThreadMXBean();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        return out;
    }

    static void printTopThreads(Map<String, Long> before, Map<String, Long> after) {
        List<Map.Entry<String, Long>> d = new ArrayList<>();
        after.forEach((k, v) -> d.add(Map.entry(k, v - before.getOrDefault(k, 0L))));
        d.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (int i = 0; i < Math.min(5, d.size()); i++) {
            System.out.printf("           %6.0f ms  %s%n", d.get(i).getValue() / 1e6, d.get(i).getKey());
        }
    }

    /** CPU time of this process (all threads), or 0 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU seconds of the JIT compiler threads of processes so far, from /proc (0 where it cannot be read). */
    static double jitSeconds(List<Process> ps) {
        double sum = 0;
        for (Process p : ps) {
            sum += jitSeconds(Long.toString(p.pid()));
        }
        return sum;
    }

    /** CPU seconds of the JIT compiler threads of process {@code pid} ("self": this one) so far. */
    static double jitSeconds(String pid) {
        return threadCpu(pid).entrySet().stream()
                .filter(e -> e.getKey().startsWith("C") && e.getKey().contains("Compiler"))
                .mapToLong(Map.Entry::getValue).sum() / 1e9;
    }

    /** User + system CPU in clock ticks (1/100 s) from a /proc {@code stat} line: its utime and stime fields. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU seconds (user + system) of processes so far, from /proc (0 where it cannot be read). */
    static double cpuSeconds(List<Process> ps) {
        double sum = 0;
        for (Process p : ps) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                sum += ticks(stat) / 100.0;
            } catch (IOException | RuntimeException e) {
                // not Linux, or the process is gone
            }
        }
        return sum;
    }

    static List<RunSpec> specs(long firstSeed, int n) {
        return new RunRequest().setAll(List.of("M=20", "T=2000",
                        "router=paper(eta=0.5, alpha=0.5, lambda=0.3, gradient=fig2, softmax=noisy)"))
                .expand(LongStream.range(firstSeed, firstSeed + n).boxed().toList(), Map.of());
    }

    /** One sweep into a fresh folder (removed after); returns the executor's seconds. */
    static double sweep(Registry registry, List<RunSpec> specs, Path root, Timed e) throws IOException {
        SweepRunner.Result r = SweepRunner.run(registry, specs, false, "bench", Map.of("command", "bench"), root, e,
                SweepViews.Rounds.NONE, RunEngine.Progress.NONE);
        if (!r.complete()) {
            throw new IllegalStateException(e.label + ": incomplete sweep " + r.failureLines());
        }
        e.loopSeconds = moecl.workbench.sweep.RunIo.JSON.readTree(r.folder().resolve("manifest.json").toFile())
                .path("timings").path("loopMillisTotal").asDouble() / 1e3;
        deleteTree(r.folder());
        return e.nanos / 1e9;
    }

    static String describe(HazelcastExecutor.Stats s, int runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.chunks()).append(" chunks of ~").append(runs / Math.max(1, s.chunks())).append(" runs, ")
                .append(String.format("%.1f MB back", s.bytes() / 1e6));
        if (s.byMember().size() > 1) {
            sb.append(", split ").append(s.byMember().values());
        }
        if (s.resubmitted() > 0) {
            sb.append(", ").append(s.resubmitted()).append(" resubmitted");
        }
        return sb.toString();
    }

    /** A {@code moecl worker} process with this JVM's flags and class path, 1 thread; returns once it listens. */
    static Process startWorker(String mainClass, String members, int port, Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "worker", "--members", members,
                "--port", Integer.toString(port), "--threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the worker did not start: " + Files.readString(out));
            }
            Thread.sleep(20);
        }
        return p;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The q-th quartile (1 or 3) of v, interpolated between order statistics. */
    static double quartile(List<Double> v, int q) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        double pos = q * (s.size() - 1) / 4.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.size() - 1, lo + 1);
        return s.get(lo) + (pos - lo) * (s.get(hi) - s.get(lo));
    }

    static String cpuModel() {
        try {
            Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : text.split("\n")) {
                if (line.startsWith("Model name:")) {
                    return line.substring("Model name:".length()).strip();
                }
            }
        } catch (IOException e) {
            return "unknown (no lscpu)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
