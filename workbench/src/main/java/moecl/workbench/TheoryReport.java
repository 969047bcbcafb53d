package moecl.workbench;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.spec.SpecValue.Component;
import moecl.spec.Words;
import moecl.task.TaskGenerator;
import moecl.theory.TheoryCurve;
import moecl.theory.WorldTheory;
import moecl.theory.UniformArrivalTheory;

/**
 * {@code moecl theory}: the closed-form expectations for one expert on a task generator's world: uniform random
 * arrivals (the S, D formulas and their limits) and the world's own drawn arrival sequence (the fixed-order
 * result), printed at chosen rounds and written as {@code theory.csv}.
 */
public final class TheoryReport {

    private TheoryReport() {
    }

    /**
     * A generator built for the theory: its spec with every default resolved ({@code name(args)}) and the world.
     *
     * @param tasks the generator's spec as given
     */
    public record World(Component tasks, String spec, TaskGenerator generator) {
    }

    /** The closed-form curves of a world: uniform arrivals, and the world's own order ({@code null} if none). */
    public record Curves(UniformArrivalTheory uniform, TheoryCurve uniformCurve, TheoryCurve fixedCurve) {
    }

    /** Builds the generator {@code tasks} for one expert over {@code rounds} rounds (memory checked first). */
    public static World world(Registry registry, Component tasks, int rounds, long seed) {
        GeneratorFactory gf = (GeneratorFactory) registry.resolve(PluginKind.GENERATOR, tasks.name());
        Params gp = Binder.bind(gf.descriptor(), tasks);
        BuildContext ctx = new BuildContext(1, rounds, seed, RngKind.FAST, null, null, -1);
        moecl.engine.Preflight.checkMemory(tasks.toSpecText(), gf.memory(gp.copy(), ctx));
        TaskGenerator world = gf.create(gp, ctx);
        return new World(tasks, tasks.name() + "(" + gp.toArgsText() + ")", world);
    }

    /**
     * The expectations for one expert on {@code w} up to {@code rounds}.
     *
     * @throws IllegalArgumentException with the world's note when the theory does not apply to it
     */
    public static Curves curves(World w, int rounds) {
        WorldTheory theory = WorldTheory.of(w.generator());
        UniformArrivalTheory uniform = theory.uniform();
        return new Curves(uniform, uniform.curve(rounds), theory.fixedOrder(w.generator()));
    }

    public static Path run(Registry registry, List<String> assignments, long seed, Path root, PrintWriter out) {
        String tasksText = "gaussian";
        int rounds = 1000;
        List<Long> at = null;
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (String a : assignments) {
            Words.Assignment kv = Words.assignment(a);
            String key = kv == null ? a : kv.key();
            String value = kv == null ? "" : kv.value();
            String before = given.put(key, a);
            if (before != null && List.of("tasks", "T", "at").contains(key)) {
                throw new IllegalArgumentException(key + " is given twice (" + moecl.spec.Echo.of(before) + " and "
                        + moecl.spec.Echo.of(a) + "); give each key once");
            }
            switch (key) {
                case "tasks" -> tasksText = value;
                case "T" -> rounds = RunRequest.intValue("T", SpecParser.parseValue(value), 1);
                case "at" -> {
                    SpecValue v = SpecParser.parseValue(value);
                    at = new ArrayList<>();
                    List<SpecValue> items = v instanceof SpecValue.ListValue l ? l.items() : List.of(v);
                    for (SpecValue item : items) {
                        at.add((long) RunRequest.intValue("at", item, 1));
                    }
                }
                default -> throw new IllegalArgumentException("unknown key '" + moecl.spec.Echo.of(key) + "'"
                        + moecl.spec.Suggest.didYouMean(key, List.of("tasks", "T", "at")) + " (keys: tasks, T, at)");
            }
        }
        if (at != null) {
            for (long t : at) {
                if (t > rounds) { // before anything is printed
                    throw new IllegalArgumentException("at=" + t + " is beyond T=" + rounds);
                }
            }
        }
        World built = world(registry, SpecParser.parseComponent(tasksText), rounds, seed);
        TaskGenerator world = built.generator();
        Curves c = curves(built, rounds);
        UniformArrivalTheory uniform = c.uniform();
        TheoryCurve u = c.uniformCurve();
        TheoryCurve fixed = c.fixedCurve();
        Component tc = built.tasks();

        String spec = built.spec();
        out.println("theory for " + spec + ", seed " + seed + ", T = " + rounds);
        out.println("  " + moecl.theory.TheoryWorld.note(world));
        out.printf("  r = %.6g   S = %.6g   D = %.6g   noise floor = %.6g%n", uniform.r(), uniform.meanSqNorm(),
                uniform.modelGap(), uniform.noiseFloor());
        out.printf("  one expert, t -> infinity:  G -> %.6g   F -> %.6g   (a single expert never converges)%n",
                uniform.generalizationLimit(), uniform.forgettingLimit());
        TreeSet<Long> rows = new TreeSet<>();
        if (at == null) {
            for (long t = 1; t <= rounds; t *= 10) {
                rows.add(t);
            }
            rows.add((long) rounds);
        } else {
            rows.addAll(at);
        }
        out.printf("  %8s %14s %14s %16s %16s%n", "t", "E[G] uniform", "E[F] uniform", "E[G] this order",
                "E[F] this order");
        for (long t : rows) {
            int i = (int) t;
            out.printf("  %8d %14.6g %14.6g %16s %16s%n", t, u.generalizationAt(i), u.forgettingAt(i),
                    fixed == null ? "-" : String.format("%.6g", fixed.generalizationAt(i)),
                    fixed == null ? "-" : String.format("%.6g", fixed.forgettingAt(i)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("moecl", Manifest.version());
        manifest.put("commit", Manifest.commit());
        manifest.put("dirty", Manifest.dirty());
        manifest.put("command", "theory");
        manifest.put("tasks", spec);
        manifest.put("plugins", List.of(Provenance.entry(registry, PluginKind.GENERATOR, tc.name())));
        manifest.put("seed", seed);
        manifest.put("T", rounds);
        manifest.put("note", moecl.theory.TheoryWorld.note(world));
        manifest.put("r", uniform.r());
        manifest.put("S", uniform.meanSqNorm());
        manifest.put("D", uniform.modelGap());
        manifest.put("limitG", uniform.generalizationLimit());
        manifest.put("limitF", uniform.forgettingLimit());
        Map<String, RunFolder.FileWriter> files = new LinkedHashMap<>();
        final int total = rounds;
        files.put("theory.csv", f -> {
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                StringBuilder sb = new StringBuilder("t,G_uniform,F_uniform,G_fixed,F_fixed\n");
                for (int t = 1; t <= total; t++) {
                    sb.append(t).append(',').append(u.generalizationAt(t)).append(',').append(u.forgettingAt(t))
                            .append(',');
                    if (fixed != null) {
                        sb.append(fixed.generalizationAt(t)).append(',').append(fixed.forgettingAt(t));
                    } else {
                        sb.append(',');
                    }
                    sb.append('\n');
                    if (sb.length() > 1 << 16) {
                        w.append(sb);
                        sb.setLength(0);
                    }
                }
                w.append(sb);
            }
        });
        files.put("manifest.json", f -> RunFolder.JSON.writeValue(f.toFile(), manifest));
        return RunFolder.writeFiles(root, "theory", files);
    }
}
