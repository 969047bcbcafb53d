package moecl.plugin;

/**
 * A self-describing factory of one plugin. Implementations are found with {@link java.util.ServiceLoader} through
 * the kind's own interface ({@link RouterFactory}, {@link ExpertFactory}, {@link GeneratorFactory}) and need a
 * public no-argument constructor.
 *
 * @param <T> the component type
 */
public interface PluginFactory<T> {

    /** Name, aliases, summary and typed parameters. Must be cheap and must not fail. */
    PluginDescriptor descriptor();

    /**
     * Builds one component from validated parameters (every declared parameter present, defaults filled in).
     * Throws {@link IllegalArgumentException} with a one-line message for combinations the declarations cannot
     * express (e.g. {@code s >= d}).
     */
    T create(Params params, BuildContext context);
}
