package moecl.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.shell.Session;
import moecl.spec.Suggest;
import moecl.workbench.RunFolder;

/**
 * The run folders a session can see, read back for {@code runs}, {@code plot} and {@code compare}: names (the run
 * ids), one-line summaries from {@code manifest.json}, {@code sweep.json} and {@code summary.json}, and the metric
 * columns of older folders' {@code rounds.csv} (sweep folders are read setting by setting through
 * {@link FolderView} and {@link SettingCurves}). Hidden {@code .partial} folders are never listed as runs; {@code runs}
 * reports them as leftovers.
 */
final class RunFolders {

    /** Columns of rounds.csv that are not metrics. */
    static final List<String> NOT_METRICS = List.of("run", "seed", "variant", "M", "t", "task", "expert");

    private RunFolders() {
    }

    /**
     * Run, sweep and result folders under {@code root}, oldest first (their names start with a timestamp): folders
     * with a {@code manifest.json} or a {@code sweep.json} (an interrupted sweep of an older build has no manifest).
     */
    static List<Path> list(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(RunFolders::isRunFolder)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static boolean isRunFolder(Path p) {
        return Files.isRegularFile(p.resolve("manifest.json")) || Files.isRegularFile(p.resolve("sweep.json"));
    }

    /** Partial folders younger than this may still be being written (a theory report takes seconds). */
    static final long PARTIAL_GRACE_MILLIS = 5 * 60_000L;

    /**
     * What is left over under {@code root} and may be deleted, one line each: hidden {@code .NAME.partial-...}
     * folders of older versions (or of a theory report whose process was killed), and sweep folders claimed by a
     * process that died before it wrote their plan.
     */
    static List<String> leftovers(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(".partial")) {
                    long age = System.currentTimeMillis() - lastModified(p);
                    out.add(age < PARTIAL_GRACE_MILLIS ? "(partial folder " + name + ": being written, or left by a "
                            + "process that stopped just now)" : "(leftover partial folder " + name
                            + ": safe to delete)");
                } else if (!name.startsWith(".") && !isRunFolder(p) && Files.isDirectory(p.resolve("results"))
                        && Files.isDirectory(p.resolve("failed")) && !moecl.workbench.sweep.SweepStore.busy(p)
                        && System.currentTimeMillis() - lastModified(p) >= PARTIAL_GRACE_MILLIS) {
                    out.add("(leftover folder " + name + " without sweep.json: its sweep never started; safe to "
                            + "delete)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The folder a run id means: {@code last} (the session's last run, else the newest folder), a folder name, its
     * number as {@code runs} lists it (1 = the oldest), a tag ({@link Tags}), a unique prefix of a folder name, the
     * name given with {@code --name} (the newest folder of that name), or a path to a run folder.
     */
    static Path resolve(Session session, String id) {
        List<Path> all = list(session.runsRoot());
        if (id.equals("last")) {
            Path last = session.lastRun();
            if (last != null && Files.isDirectory(last)) {
                return Session.newer(last, all.isEmpty() ? null : all.get(all.size() - 1));
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no runs yet under " + session.runsRoot() + " (try: run T=500)");
            }
            return all.get(all.size() - 1);
        }
        List<String> names = all.stream().map(p -> p.getFileName().toString()).toList();
        int exact = names.indexOf(id);
        if (exact >= 0) {
            return all.get(exact);
        }
        if (isIndex(id)) {
            int i = Integer.parseInt(id);
            if (i < 1 || i > all.size()) {
                throw new IllegalArgumentException("no run number " + id + ": " + (all.isEmpty() ? "there are no "
                        + "runs yet under " + session.runsRoot() : "runs numbers them 1 to " + all.size()));
            }
            return all.get(i - 1);
        }
        String tagged = Tags.read(session.runsRoot()).get(id);
        if (tagged != null) {
            return session.runsRoot().resolve(tagged);
        }
        List<Path> prefixed = all.stream().filter(p -> p.getFileName().toString().startsWith(id)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new IllegalArgumentException("run id '" + id + "' is ambiguous: " + prefixed.size()
                    + " run folders start with it (" + prefixed.get(0).getFileName() + ", "
                    + prefixed.get(1).getFileName() + (prefixed.size() > 2 ? ", ..." : "") + ")");
        }
        // the name given with --name, after the timestamp: the newest folder of that name
        List<Path> named = all.stream().filter(p -> nameOf(p).equals(id)).toList();
        if (!named.isEmpty()) {
            return named.get(named.size() - 1);
        }
        Path asPath = Path.of(id);
        if (isRunFolder(asPath)) {
            return asPath;
        }
        List<String> known = new ArrayList<>(names);
        Tags.Loaded tags = Tags.load(session.runsRoot());
        known.addAll(tags.tags().keySet());
        throw new IllegalArgumentException("unknown run '" + moecl.spec.Echo.of(id) + "'"
                + Suggest.didYouMean(id, known) + " (a run is a folder name or a unique start of one, its number in "
                + "runs, a tag, or 'last'; see: runs)" + (tags.damage() == null ? ""
                : "; if it is a tag: the tags could not be read: " + tags.damage()));
    }

    /**
     * Whether a run id is a number as {@code runs} lists them: up to six digits (a folder name starts with the
     * eight digits of its date, so a longer number is the start of a folder name).
     */
    static boolean isIndex(String id) {
        return !id.isEmpty() && id.length() <= 6 && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The folder's name without its {@code yyyyMMdd-HHmmss-} timestamp (and without a {@code -2} suffix). */
    static String nameOf(Path folder) {
        String n = folder.getFileName().toString();
        if (n.length() > 16 && n.charAt(8) == '-' && n.charAt(15) == '-') {
            n = n.substring(16);
        }
        return n.replaceFirst("-\\d+$", "");
    }

    /** A JSON file; one that cannot be read or parsed gives one line naming it. */
    static JsonNode json(Path file) {
        try {
            JsonNode n = RunFolder.JSON.readTree(file.toFile());
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException("cannot read " + file + ": the file is empty");
            }
            return n;
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new UncheckedIOException("cannot read " + file + ": " + (m == null ? e.getClass().getSimpleName()
                    : m.split("\n")[0]), e);
        }
    }

    /** Settings of a sweep shown in its summary line; the rest are counted. */
    static final int LINE_SETTINGS = 2;
    /** Longest setting label in a summary line. */
    static final int LINE_LABEL = 36;

    /**
     * One line per folder: {@code 20260101-120000-run  run M=5 T=500  1 run  F=0.00790 G=0.00810}; for a folder of
     * several settings, their number and the first ones' means ({@code 12 runs  4 settings: router=paper M=2
     * F=0.07976 G=0.07936; ...}); an incomplete sweep says so and how to complete it.
     */
    static String summaryLine(Path folder) {
        String name = folder.getFileName().toString();
        try {
            StringBuilder what = new StringBuilder();
            Path manifest = folder.resolve("manifest.json");
            if (Files.isRegularFile(manifest)) {
                JsonNode m = json(manifest);
                what.append(m.path("command").asText("?"));
                if (m.has("arguments")) {
                    m.get("arguments").forEach(a -> what.append(' ').append(a.asText()));
                } else if (m.has("experiment")) {
                    what.append(' ').append(m.get("experiment").asText());
                } else if (m.has("tasks")) {
                    what.append(' ').append(m.get("tasks").asText());
                }
            }
            FolderView v = FolderView.read(folder);
            if (what.isEmpty()) {
                // an interrupted sweep of an older build: no manifest (sweeps now write one when they start)
                List<String> varying = new ArrayList<>();
                json(folder.resolve("sweep.json")).path("varying").forEach(x -> varying.add(x.asText()));
                what.append("sweep").append(varying.isEmpty() ? "" : " of " + String.join(", ", varying));
            }
            StringBuilder sb = new StringBuilder(String.format("%-28s %-36s", name, what));
            if (v.kind == FolderView.Kind.OTHER) {
                return sb.toString().stripTrailing();
            }
            boolean incomplete = v.kind == FolderView.Kind.SWEEP && (!v.complete()
                    || !"complete".equals(v.summaryStatus));
            if (v.complete()) {
                sb.append(String.format(" %4d run%s", v.done, v.done == 1 ? " " : "s"));
            } else {
                sb.append(String.format(" %d/%d runs", v.done, v.planned));
            }
            if (v.failed > 0) {
                sb.append(", ").append(v.failed).append(" failed");
            }
            if (v.busy) {
                sb.append(" — in progress");
            } else if (incomplete) {
                List<String> session = moecl.workbench.sweep.SweepRunner.sessionPlugins(folder);
                if (!v.complete() && !session.isEmpty()) {
                    sb.append(" — incomplete (").append(session.get(0)).append(" came from a script or session: run "
                            + "it again)");
                } else {
                    sb.append(v.complete() ? " — views not written: resume " : " — incomplete: resume ")
                            .append(name);
                }
            }
            List<FolderView.Setting> shown = v.settings.stream().filter(st -> st.n() > 0).toList();
            if (v.settings.size() == 1 && shown.size() == 1) {
                FolderView.Setting st = shown.get(0);
                for (String k : List.of("F", "G")) {
                    FolderView.Stat x = st.finals().get(k);
                    if (x != null) {
                        sb.append(String.format("  %s=%.5f", x.n() == 1 ? k : "mean " + k, x.mean()));
                    }
                }
            } else if (v.settings.size() > 1) {
                sb.append("  ").append(v.settings.size()).append(" settings");
                String sep = ": ";
                for (FolderView.Setting st : shown.subList(0, Math.min(LINE_SETTINGS, shown.size()))) {
                    sb.append(sep).append(clip(st.label(), LINE_LABEL));
                    sep = "; ";
                    for (String k : List.of("F", "G")) {
                        FolderView.Stat x = st.finals().get(k);
                        if (x != null) {
                            sb.append(String.format(" %s=%.5f", k, x.mean()));
                        }
                    }
                }
                if (shown.size() > LINE_SETTINGS) {
                    sb.append("; … (compare ").append(name).append(" shows all)");
                }
            }
            return sb.toString().stripTrailing();
        } catch (RuntimeException e) {
            return String.format("%-28s (unreadable: %s)", name, moecl.shell.Commands.message(e));
        }
    }

    /** {@code s} in at most {@code w} characters: its start and its end around a {@code …} (labels end in M=...). */
    static String clip(String s, int w) {
        if (s.length() <= w) {
            return s;
        }
        int tail = (w - 1) / 3;
        return s.substring(0, w - 1 - tail) + "…" + s.substring(s.length() - tail);
    }

    /** The per-round columns of a run folder that can be plotted. */
    static List<String> metrics(Path folder) {
        if (Files.isRegularFile(folder.resolve("sweep.json"))) {
            // a sweep folder: the columns of a finished run
            var first = moecl.workbench.sweep.RunIndex.scan(folder).frames().stream().findFirst();
            if (first.isPresent()) {
                try (moecl.workbench.sweep.Columns.Reader r = first.get().columns()) {
                    return r.columns().stream().map(moecl.workbench.sweep.Columns.Column::name)
                            .filter(n -> !SettingCurves.NOT_METRICS.contains(n)).toList();
                }
            }
        }
        Path csv = folder.resolve("rounds.csv");
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return List.of();
            }
            return Arrays.stream(header.split(",")).filter(c -> !NOT_METRICS.contains(c)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** One run's curve of one metric, and what identifies the run. */
    record RunCurve(int run, long seed, String variant, int m, double[] values) {
    }

    /** The curve of {@code metric} of every run in the folder, in run order. */
    static List<RunCurve> curves(Path folder, String metric) {
        Path csv = folder.resolve("rounds.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(folder.getFileName() + " has no rounds.csv (not a run folder)");
        }
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                throw new IllegalArgumentException("cannot read " + csv + ": the file is empty");
            }
            List<String> header = Arrays.asList(first.split(","));
            int col = header.indexOf(metric);
            if (col < 0 || NOT_METRICS.contains(metric)) {
                List<String> metrics = header.stream().filter(c -> !NOT_METRICS.contains(c)).toList();
                throw new IllegalArgumentException("no metric '" + metric + "' in " + folder.getFileName()
                        + Suggest.didYouMean(metric, metrics) + " (metrics: " + String.join(", ", metrics) + ")");
            }
            int cRun = header.indexOf("run");
            int cSeed = header.indexOf("seed");
            int cVariant = header.indexOf("variant");
            int cM = header.indexOf("M");
            List<RunCurve> out = new ArrayList<>();
            int run = -1;
            long seed = 0;
            String variant = "";
            int m = 0;
            double[] buf = new double[1024];
            int n = 0;
            if (cRun < 0 || cSeed < 0 || cVariant < 0 || cM < 0) {
                throw new IllegalArgumentException("cannot read " + csv + ": its header lacks run, seed, variant or M");
            }
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                String[] f = line.split(",", -1);
                if (f.length != header.size()) {
                    throw new IllegalArgumentException("cannot read " + csv + ": line " + lineNo + " has " + f.length
                            + " fields, the header " + header.size() + " (the file was cut or changed)");
                }
                try {
                    int thisRun = Integer.parseInt(f[cRun]);
                    if (thisRun != run) {
                        if (run >= 0) {
                            out.add(new RunCurve(run, seed, variant, m, Arrays.copyOf(buf, n)));
                        }
                        run = thisRun;
                        seed = Long.parseLong(f[cSeed]);
                        variant = f[cVariant];
                        m = Integer.parseInt(f[cM]);
                        n = 0;
                    }
                    if (n == buf.length) {
                        buf = Arrays.copyOf(buf, n * 2);
                    }
                    buf[n++] = f[col].isEmpty() ? Double.NaN : Double.parseDouble(f[col]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("cannot read " + csv + ": line " + lineNo + " is malformed ("
                            + (f.length <= Math.max(col, cRun) ? "too few fields" : e.getMessage()) + ")", e);
                }
            }
            if (run >= 0) {
                out.add(new RunCurve(run, seed, variant, m, Arrays.copyOf(buf, n)));
            }
            if (!endsWithLineBreak(csv)) {
                throw new IllegalArgumentException("cannot read " + csv + ": it ends inside line " + lineNo
                        + " (no line break at the end): the file was cut short");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithLineBreak(Path f) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            if (ch.size() == 0) {
                return false;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0) == '\n';
        }
    }
}
