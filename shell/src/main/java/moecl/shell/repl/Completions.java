package moecl.shell.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jline.reader.Candidate;

import moecl.plugin.Param;
import moecl.plugin.ParamType;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.Variant;
import moecl.workbench.RunRequest;

/**
 * The kinds of argument completion REPL commands use. A candidate's value is the whole word it would replace, so
 * completing inside {@code router=paper(et} offers {@code router=paper(eta=}; candidates that expect more typing
 * ({@code eta=}, a folder) are not "complete", so JLine adds no space after them.
 */
public final class Completions {

    /**
     * Where completion happens.
     *
     * @param index  which argument (0 = first after the command name)
     * @param prefix the text of that argument before the cursor
     */
    public record Position(int index, String prefix) {
    }

    private Completions() {
    }

    public static ReplCommand.Completion none() {
        return (repl, at, before, out) -> { };
    }

    /** Fixed words, such as {@code on}/{@code off}. */
    public static ReplCommand.Completion words(String... words) {
        return (repl, at, before, out) -> {
            for (String w : words) {
                out.add(candidate(w, w, null, true));
            }
        };
    }

    /** Words computed from the session, e.g. run ids or metric names; only for the first argument when asked. */
    public static ReplCommand.Completion dynamic(Function<Repl, Collection<String>> words) {
        return (repl, at, before, out) -> {
            for (String w : words.apply(repl)) {
                out.add(candidate(w, w, null, true));
            }
        };
    }

    /** Plugin names of every kind, with their summaries (for {@code describe}). */
    public static ReplCommand.Completion plugins() {
        return (repl, at, before, out) -> {
            if (at.index() > 0) {
                return;
            }
            Registry r = repl.session().registry();
            for (PluginKind k : PluginKind.values()) {
                for (PluginDescriptor d : r.list(k)) {
                    out.add(candidate(d.name(), d.name(), d.summary(), true));
                    for (String a : d.aliases()) {
                        out.add(candidate(a, a, d.summary(), true));
                    }
                }
            }
        };
    }

    /** Run folder names under the runs root, their tags, and {@code last}. */
    public static ReplCommand.Completion runs() {
        return (repl, at, before, out) -> addRuns(repl, out);
    }

    static void addRuns(Repl repl, List<Candidate> out) {
        out.add(candidate("last", "last", "the most recent run folder", true));
        for (Path p : RunFolders.list(repl.session().runsRoot())) {
            String name = p.getFileName().toString();
            out.add(candidate(name, name, null, true));
        }
        try {
            Tags.read(repl.session().runsRoot()).forEach((t, f) -> out.add(candidate(t, t, "tag of " + f, true)));
        } catch (RuntimeException e) {
            // an unreadable tags file completes to no tags
        }
    }

    /** File and folder names relative to the working directory (or absolute). */
    public static ReplCommand.Completion files() {
        return (repl, at, before, out) -> addFiles(at.prefix(), out);
    }

    static void addFiles(String prefix, List<Candidate> out) {
        int slash = prefix.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String namePart = prefix.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(namePart) || (name.startsWith(".") && !namePart.startsWith("."))) {
                    continue;
                }
                boolean folder = Files.isDirectory(p);
                out.add(candidate(dirPart + name + (folder ? "/" : ""), name + (folder ? "/" : ""), null, !folder));
            }
        } catch (IOException e) {
            // an unreadable folder completes to nothing
        }
    }

    /**
     * {@code key=value} words of an experiment: the run keys (plus {@code extraKeys}), then inside a value the
     * plugin names, parameter names and variants that fit there; words starting with {@code -} complete to the
     * options of the picocli command {@code optionsOf}, if given.
     */
    public static ReplCommand.Completion assignments(String optionsOf, String... extraKeys) {
        return new Assignments(optionsOf, List.of(extraKeys));
    }

    /** Completion of {@code key=value} words; a named type so that hints know the words are a spec. */
    record Assignments(String optionsOf, List<String> extraKeys) implements ReplCommand.Completion {
        @Override
        public void complete(Repl repl, Position at, List<String> before, List<Candidate> out) {
            String prefix = at.prefix();
            if (prefix.startsWith("-") && optionsOf != null) {
                for (String o : repl.optionNames(optionsOf)) {
                    out.add(candidate(o, o, null, true));
                }
                return;
            }
            addSpec(repl.session().registry(), prefix, extraKeys, out);
        }
    }

    /** Candidates for one {@code key=value} word typed up to the cursor. */
    static void addSpec(Registry registry, String prefix, List<String> extraKeys, List<Candidate> out) {
        SpecCursor c = SpecCursor.at(registry, prefix);
        switch (c.kind()) {
            case KEY -> {
                List<String> keys = new ArrayList<>(RunRequest.DEFAULTS.keySet());
                keys.addAll(extraKeys);
                for (String k : keys) {
                    out.add(candidate(k + "=", k + "=", "default " + RunRequest.DEFAULTS.getOrDefault(k, "-"), false));
                }
            }
            case COMPONENT -> {
                for (PluginDescriptor d : registry.list(c.pluginKind())) {
                    boolean hasParams = !d.params().isEmpty();
                    out.add(candidate(c.kept() + d.name(), d.name(), d.summary(), !hasParams));
                    for (String a : d.aliases()) {
                        out.add(candidate(c.kept() + a, a, d.summary(), !hasParams));
                    }
                }
            }
            case PARAM_NAME -> {
                for (Param p : c.params()) {
                    if (!c.given().contains(p.name())) {
                        out.add(candidate(c.kept() + p.name() + "=", p.name() + "=", describe(p), false));
                    }
                }
            }
            case PARAM_VALUE -> {
                Param p = c.param();
                if (p.type() == ParamType.CHOICE) {
                    for (Variant v : p.variants()) {
                        out.add(candidate(c.kept() + v.name(), v.name(), v.summary(), v.params().isEmpty()));
                    }
                } else if (p.type() == ParamType.BOOLEAN) {
                    out.add(candidate(c.kept() + "true", "true", null, true));
                    out.add(candidate(c.kept() + "false", "false", null, true));
                }
            }
            case VALUE -> {
                if ("rng".equalsIgnoreCase(c.key())) {
                    for (String v : List.of("fast", "numpy-legacy")) {
                        out.add(candidate(c.kept() + v, v, null, true));
                    }
                }
            }
            case NONE -> { }
        }
    }

    private static String describe(Param p) {
        String d = p.doc().isEmpty() ? "" : p.doc() + "; ";
        return d + "default " + p.defaultText();
    }

    static Candidate candidate(String value, String display, String descr, boolean complete) {
        return new Candidate(value, display, null, descr, null, null, complete);
    }
}
