package moecl.workbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunResult;
import moecl.workbench.sweep.CurveFile;
import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.RunReader;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepRunner;

/**
 * One finished sweep of the report, read back from its folder: the plan, each run's record (final metrics, freeze
 * round, load, expert sets, routing histogram), each run's per-round columns on demand (one run in memory at a
 * time) and each setting's mean curve with its standard error.
 */
final class SweepData {

    final String name;
    final SweepPlan plan;
    final Path folder;
    final JsonNode[] records;
    private RunIndex index;

    SweepData(String name, SweepRunner.Result r) {
        this.name = name;
        this.plan = r.plan();
        this.folder = r.folder();
        this.records = r.records();
    }

    /** The finished runs whose labels and M match, in plan order. */
    List<SweepPlan.Run> runs(Map<String, String> labels, Integer m) {
        List<SweepPlan.Run> out = new ArrayList<>();
        for (SweepPlan.Run run : plan.runs()) {
            if (records[run.index()] == null || (m != null && run.spec().m() != m)) {
                continue;
            }
            boolean ok = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                ok &= e.getValue().equals(run.spec().labels().get(e.getKey()));
            }
            if (ok) {
                out.add(run);
            }
        }
        return out;
    }

    JsonNode record(SweepPlan.Run run) {
        return records[run.index()];
    }

    /** A final metric of a run (NaN when absent). */
    double fin(SweepPlan.Run run, String metric) {
        JsonNode v = records[run.index()].path("final").path(metric);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** The run's rows (read from its segment). */
    RunResult rows(SweepPlan.Run run) {
        if (index == null) {
            index = RunIndex.scan(folder);
        }
        return RunReader.outcome(run, index.get(run.id()), records[run.index()], 0).result();
    }

    /** A setting's mean curve and standard error of each metric: name → {mean[], se[]}. */
    Map<String, double[][]> curve(SweepPlan.Setting s) {
        Path f = CurveFile.of(folder, s.index());
        return Files.isRegularFile(f) ? CurveFile.readAll(f) : new LinkedHashMap<>();
    }

    /** The setting whose varying values include all of {@code values}, or null. */
    SweepPlan.Setting setting(Map<String, String> values) {
        for (SweepPlan.Setting s : plan.settings()) {
            if (s.values().entrySet().containsAll(values.entrySet())) {
                return s;
            }
        }
        return null;
    }
}
