package moecl.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.shell.Session;
import moecl.spec.Suggest;
import moecl.workbench.RunFolder;

/**
 * The run folders a session can see, read back for {@code runs}, {@code plot} and {@code compare}: names (the run
 * ids), one-line summaries from {@code manifest.json} and {@code summary.json}, and metric columns from
 * {@code rounds.csv}. Folders being written (hidden {@code .partial} folders) are never listed.
 */
final class RunFolders {

    /** Columns of rounds.csv that are not metrics. */
    static final List<String> NOT_METRICS = List.of("run", "seed", "variant", "M", "t", "task", "expert");

    private RunFolders() {
    }

    /** Run and result folders under {@code root}, oldest first (their names start with a timestamp). */
    static List<Path> list(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The folder a run id means: {@code last} (the session's last run, else the newest folder), a folder name, a
     * unique prefix of one, the name given with {@code --name} (the newest folder of that name), or a path to a
     * run folder.
     */
    static Path resolve(Session session, String id) {
        List<Path> all = list(session.runsRoot());
        if (id.equals("last")) {
            Path last = session.lastRun();
            if (last != null && Files.isDirectory(last)) {
                return last;
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
        if (Files.isRegularFile(asPath.resolve("manifest.json"))) {
            return asPath;
        }
        throw new IllegalArgumentException("unknown run '" + id + "'" + Suggest.didYouMean(id, names)
                + " (see: runs; 'last' is the most recent)");
    }

    /** The folder's name without its {@code yyyyMMdd-HHmmss-} timestamp (and without a {@code -2} suffix). */
    static String nameOf(Path folder) {
        String n = folder.getFileName().toString();
        if (n.length() > 16 && n.charAt(8) == '-' && n.charAt(15) == '-') {
            n = n.substring(16);
        }
        return n.replaceFirst("-\\d+$", "");
    }

    static JsonNode json(Path file) {
        try {
            return RunFolder.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code 20260101-120000-run  run M=5 T=500  1 run  F=0.0079 G=0.0081 freeze 95}. */
    static String summaryLine(Path folder) {
        String name = folder.getFileName().toString();
        try {
            JsonNode m = json(folder.resolve("manifest.json"));
            String command = m.path("command").asText("?");
            StringBuilder what = new StringBuilder(command);
            if (m.has("arguments")) {
                m.get("arguments").forEach(a -> what.append(' ').append(a.asText()));
            } else if (m.has("experiment")) {
                what.append(' ').append(m.get("experiment").asText());
            } else if (m.has("tasks")) {
                what.append(' ').append(m.get("tasks").asText());
            }
            StringBuilder sb = new StringBuilder(String.format("%-28s %-36s", name, what));
            Path summary = folder.resolve("summary.json");
            if (Files.isRegularFile(summary)) {
                JsonNode runs = json(summary).path("runs");
                sb.append(String.format(" %4d run%s", runs.size(), runs.size() == 1 ? " " : "s"));
                Map<String, double[]> fin = finals(runs);
                for (String k : List.of("F", "G")) {
                    if (fin.containsKey(k)) {
                        sb.append(String.format("  %s=%.5f", runs.size() == 1 ? k : "mean " + k, mean(fin.get(k))));
                    }
                }
            }
            return sb.toString().stripTrailing();
        } catch (RuntimeException e) {
            return String.format("%-28s (unreadable: %s)", name, e.getMessage());
        }
    }

    /** Final value of each metric over the runs of a summary, in first-seen order. */
    static Map<String, double[]> finals(JsonNode runs) {
        Map<String, List<Double>> vals = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            r.path("final").properties().forEach(e -> vals.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        vals.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** The per-round columns of a run folder that can be plotted. */
    static List<String> metrics(Path folder) {
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
            List<String> header = Arrays.asList(r.readLine().split(","));
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
            String line;
            while ((line = r.readLine()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                String[] f = line.split(",", -1);
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
            }
            if (run >= 0) {
                out.add(new RunCurve(run, seed, variant, m, Arrays.copyOf(buf, n)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The router spec of each run, from summary.json (for grouping runs into configurations). */
    static Map<Integer, String> routers(Path folder) {
        Map<Integer, String> out = new LinkedHashMap<>();
        Path summary = folder.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            for (JsonNode r : json(summary).path("runs")) {
                out.put(r.path("run").asInt(), r.path("router").asText("") + "|" + r.path("tasks").asText("")
                        + "|" + r.path("experts").asText(""));
            }
        }
        return out;
    }
}
