package moecl.plugin;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of pluggable component; each has its own ServiceLoader factory interface. */
@moecl.spi.Stable
public enum PluginKind {
    /** Decides which expert takes a task and learns from the outcome ({@link RouterFactory}). */
    ROUTER("router", RouterFactory.class),
    /** Learns tasks ({@link ExpertFactory}). */
    EXPERT("expert", ExpertFactory.class),
    /** Produces the stream of tasks and knows the world's ground truths ({@link GeneratorFactory}). */
    GENERATOR("generator", GeneratorFactory.class);

    private final String label;
    private final Class<? extends PluginFactory<?>> factoryType;

    PluginKind(String label, Class<? extends PluginFactory<?>> factoryType) {
        this.label = label;
        this.factoryType = factoryType;
    }

    /** The word used in messages and on the command line: {@code router}, {@code expert}, {@code generator}. */
    public String label() {
        return label;
    }

    public Class<? extends PluginFactory<?>> factoryType() {
        return factoryType;
    }

    /**
     * Parses a kind as a user types it: singular or plural, and {@code tasks} for generators (the {@code tasks=}
     * key of a run names a generator).
     */
    public static PluginKind parse(String text) {
        String t = text.toLowerCase(Locale.ROOT).trim();
        return switch (t) {
            case "router", "routers" -> ROUTER;
            case "expert", "experts" -> EXPERT;
            case "generator", "generators", "task", "tasks" -> GENERATOR;
            default -> throw new IllegalArgumentException("unknown plugin kind '" + moecl.spec.Echo.of(text)
                    + "'; allowed: "
                    + Arrays.stream(values()).map(PluginKind::label).collect(Collectors.joining(", ")));
        };
    }
}
