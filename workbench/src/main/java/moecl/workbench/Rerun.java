package moecl.workbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunEngine;
import moecl.plugin.Registry;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIo;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * {@code moecl rerun}: computes a run folder again from its plan ({@code sweep.json}) alone, in a fresh folder, and
 * compares the results byte for byte with the original's: {@code summary.json}, {@code rounds.csv} (when the
 * original has one) and the per-setting mean curves. It also compares the provenance the original's
 * {@code manifest.json} recorded (moecl version, build commit and dirty flag, Java, plugin origins, data files'
 * sha256) with this process's, so that a difference can be traced to code, plugins or data.
 */
public final class Rerun {

    private Rerun() {
    }

    /** One compared file: identical, or the first difference (file, line, column, both values). */
    public record FileCheck(String file, boolean identical, String difference) {
    }

    /**
     * The outcome.
     *
     * @param copy       the folder computed again (deleted by the caller unless kept)
     * @param files      the compared files, in order
     * @param provenance what differs in the provenance (empty when the same code, plugins and data ran)
     */
    public record Report(Path original, Path copy, List<FileCheck> files, List<String> provenance) {

        public boolean identical() {
            return files.stream().allMatch(FileCheck::identical);
        }
    }

    /**
     * Re-runs {@code folder}'s plan into {@code copy} (a new, empty folder or one that does not exist) and compares.
     *
     * @throws IllegalArgumentException when {@code folder} is no sweep folder, or its plan names plugins this
     *                                  process does not have (with the plugin and its recorded origin)
     */
    public static Report run(Registry registry, Path folder, Path copy, RunExecutor executor,
                             RunEngine.Progress progress) {
        Path plan = folder.resolve("sweep.json");
        if (!Files.isRegularFile(plan)) {
            String report = moecl.workbench.sweep.SweepStore.reportHint(folder);
            throw new IllegalArgumentException(folder + " has no sweep.json" + (report.isEmpty() ? ": rerun needs a "
                    + "folder written by run, sweep, repro or a script's moecl.run since sweeps were stored (older "
                    + "folders cannot be re-run from their files)" : report));
        }
        if (!Files.isRegularFile(folder.resolve("summary.json"))) {
            throw new IllegalArgumentException(folder + " is not finished (it has no summary.json), so there is "
                    + "nothing to compare a re-run with: complete it first (moecl resume " + folder + ")");
        }
        List<String> gone = SweepRunner.missingSessionPlugins(registry, folder);
        if (!gone.isEmpty()) {
            throw new IllegalArgumentException("cannot re-run " + folder + ": it used " + String.join(", ", gone)
                    + ", defined in the session that ran it (a script or the REPL), which a re-run from files cannot "
                    + "rebuild: run that script or session again");
        }
        JsonNode manifest = readJson(folder.resolve("manifest.json"));
        List<String> provenance = provenance(registry, manifest);
        try {
            Files.createDirectories(copy);
            Files.copy(plan, copy.resolve("sweep.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + copy + ": " + e.getMessage(), e);
        }
        SweepViews.Rounds rounds = Files.isRegularFile(folder.resolve("rounds.csv")) ? SweepViews.Rounds.CSV
                : SweepViews.Rounds.NONE;
        try {
            SweepRunner.resume(registry, copy, executor, rounds, progress);
        } catch (IllegalArgumentException e) {
            // the copy is where it failed, but the file to fix is the folder's (a review found the temporary path)
            String why = String.valueOf(e.getMessage()).replace(copy.resolve("sweep.json").toString(),
                    plan.toString()).replace(copy.toString(), folder.toString());
            throw new IllegalArgumentException("cannot re-run " + folder + ": " + why + originHint(manifest), e);
        }
        List<FileCheck> files = new ArrayList<>();
        files.add(compareLines(folder, copy, "summary.json", false));
        if (rounds == SweepViews.Rounds.CSV) {
            files.add(compareLines(folder, copy, "rounds.csv", true));
        }
        Path curves = folder.resolve("curves");
        if (Files.isDirectory(curves)) {
            try (var s = Files.list(curves)) {
                for (Path p : s.sorted().toList()) {
                    files.add(compareBytes(folder, copy, "curves/" + p.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + curves + ": " + e.getMessage(), e);
            }
        }
        return new Report(folder, copy, files, provenance);
    }

    /** What the manifest recorded that differs from this process: version, build, Java, plugins, data. */
    static List<String> provenance(Registry registry, JsonNode m) {
        List<String> out = new ArrayList<>();
        if (m == null) {
            out.add("the original has no readable manifest.json: its provenance is unknown");
            return out;
        }
        same(out, "moecl version", m.path("moecl").asText(null), Manifest.version());
        same(out, "build commit", m.path("commit").asText(null), Manifest.commit());
        if (m.path("dirty").asBoolean(false)) {
            out.add("the original was computed by a build with uncommitted changes (dirty): its commit alone does "
                    + "not name its code");
        }
        if (Boolean.TRUE.equals(Manifest.dirty())) {
            out.add("this build has uncommitted changes (dirty)");
        }
        same(out, "Java", m.path("java").asText(null), Runtime.version().toString());
        String kernels = m.path("kernels").asText("auto");
        String mode = Manifest.kernels();
        if (!kernels.equals(mode) && (kernels.equals("generic") || mode.equals("generic"))) {
            out.add("kernels: the original ran with moecl.kernels=" + kernels + ", this rerun with "
                    + mode + " (the generic loops sum in another order: the last bits of the metrics "
                    + "differ; rerun with -Dmoecl.kernels=" + kernels + ")");
        }
        for (JsonNode p : m.path("plugins")) {
            moecl.plugin.PluginKind kind = kindOf(p.path("kind").asText());
            Map<String, Object> now = kind == null ? null : Provenance.entry(registry, kind, p.path("name").asText());
            String was = p.path("origin").asText() + (p.has("sha256") ? " sha256 " + p.path("sha256").asText() : "");
            if (now == null) {
                out.add(p.path("kind").asText() + " " + p.path("name").asText() + ": recorded from " + was
                        + ", not found now");
                continue;
            }
            String is = now.get("origin") + (now.containsKey("sha256") ? " sha256 " + now.get("sha256") : "");
            same(out, p.path("kind").asText() + " " + p.path("name").asText() + " origin", was, is);
        }
        for (JsonNode d : m.path("data")) {
            Path file = Path.of(d.path("file").asText());
            String was = d.path("sha256").asText(null);
            String is;
            try {
                is = Provenance.sha256(file);
            } catch (NoSuchFileException e) {
                out.add("data " + file + ": recorded sha256 " + was + ", the file is gone");
                continue;
            } catch (IOException e) {
                out.add("data " + file + ": unreadable now (" + e.getMessage() + ")");
                continue;
            }
            same(out, "data " + file + " sha256", was, is);
        }
        return out;
    }

    private static moecl.plugin.PluginKind kindOf(String label) {
        for (moecl.plugin.PluginKind k : moecl.plugin.PluginKind.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }

    private static void same(List<String> out, String what, String was, String is) {
        if (!Objects.equals(was, is)) {
            out.add(what + ": recorded " + (was == null ? "(none)" : was) + ", now " + (is == null ? "(none)" : is));
        }
    }

    static String originHint(JsonNode m) {
        if (m == null) {
            return "";
        }
        List<String> scripts = new ArrayList<>();
        for (JsonNode p : m.path("plugins")) {
            String origin = p.path("origin").asText();
            if ("session".equals(origin) || "script".equals(origin)) { // a REPL line's plugin is recorded as script
                scripts.add(p.path("kind").asText() + " " + p.path("name").asText());
            }
        }
        return scripts.isEmpty() ? "" : " (" + String.join(", ", scripts) + " came from a script: re-run that script "
                + "with moecl script instead)";
    }

    private static JsonNode readJson(Path file) {
        try {
            return RunIo.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Compares two text files line by line; the first differing line is reported with its number and, for a CSV
     * with a header, the first differing column with both values and the row's run and round.
     */
    static FileCheck compareLines(Path a, Path b, String name, boolean csv) {
        Path fa = a.resolve(name);
        Path fb = b.resolve(name);
        if (!Files.isRegularFile(fb)) {
            return new FileCheck(name, false, "the re-run wrote no " + name);
        }
        try (BufferedReader ra = Files.newBufferedReader(fa, StandardCharsets.UTF_8);
             BufferedReader rb = Files.newBufferedReader(fb, StandardCharsets.UTF_8)) {
            String[] header = null;
            for (long line = 1; ; line++) {
                String la = ra.readLine();
                String lb = rb.readLine();
                if (la == null && lb == null) {
                    break;
                }
                if (csv && line == 1 && la != null) {
                    header = la.split(",", -1);
                }
                if (!Objects.equals(la, lb)) {
                    if (la == null || lb == null) {
                        return new FileCheck(name, false, name + " line " + line + ": the "
                                + (la == null ? "original" : "re-run") + " ends here, the other goes on");
                    }
                    return new FileCheck(name, false, describe(name, line, la, lb, header));
                }
            }
        } catch (IOException e) {
            return new FileCheck(name, false, "cannot read " + name + ": " + e.getMessage());
        }
        return bytesEqual(fa, fb) ? new FileCheck(name, true, null)
                : new FileCheck(name, false, name + ": the same lines, different line endings");
    }

    private static String describe(String name, long line, String la, String lb, String[] header) {
        if (header != null && line > 1) {
            String[] va = la.split(",", -1);
            String[] vb = lb.split(",", -1);
            Map<String, String> where = new LinkedHashMap<>();
            for (int c = 0; c < Math.min(header.length, va.length); c++) {
                if (header[c].equals("run") || header[c].equals("t")) {
                    where.put(header[c], va[c]);
                }
            }
            for (int c = 0; c < Math.max(va.length, vb.length); c++) {
                String x = c < va.length ? va[c] : "(none)";
                String y = c < vb.length ? vb[c] : "(none)";
                if (!x.equals(y)) {
                    String col = c < header.length ? header[c] : "field " + (c + 1);
                    StringBuilder s = new StringBuilder(name + " line " + line);
                    if (!where.isEmpty()) {
                        s.append(" (");
                        where.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '(' ? "" : ", ")
                                .append(k).append('=').append(v));
                        s.append(')');
                    }
                    return s + ", column " + col + ": original " + x + ", re-run " + y;
                }
            }
        }
        return name + " line " + line + ": original " + moecl.spec.Echo.of(la.strip()) + ", re-run "
                + moecl.spec.Echo.of(lb.strip());
    }

    static FileCheck compareBytes(Path a, Path b, String name) {
        Path fa = a.resolve(name);
        Path fb = b.resolve(name);
        if (!Files.isRegularFile(fb)) {
            return new FileCheck(name, false, "the re-run wrote no " + name);
        }
        try {
            long at = Files.mismatch(fa, fb);
            return at < 0 ? new FileCheck(name, true, null)
                    : new FileCheck(name, false, name + ": first different byte at offset " + at);
        } catch (IOException e) {
            return new FileCheck(name, false, "cannot read " + name + ": " + e.getMessage());
        }
    }

    private static boolean bytesEqual(Path a, Path b) {
        try {
            return Files.mismatch(a, b) < 0;
        } catch (IOException e) {
            return false;
        }
    }
}
