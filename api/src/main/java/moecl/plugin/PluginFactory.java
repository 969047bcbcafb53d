package moecl.plugin;

/**
 * A self-describing factory of one plugin. Implementations are found with {@link java.util.ServiceLoader} through
 * the kind's own interface ({@link RouterFactory}, {@link ExpertFactory}, {@link GeneratorFactory}) and need a
 * public no-argument constructor.
 *
 * @param <T> the component type
 */
@moecl.spi.Stable
public interface PluginFactory<T> {

    /** Name, aliases, summary and typed parameters. Must be cheap and must not fail. */
    PluginDescriptor descriptor();

    /**
     * Builds one component from validated parameters (every declared parameter present, defaults filled in).
     * Throws {@link IllegalArgumentException} with a one-line message for combinations the declarations cannot
     * express (e.g. {@code s >= d}).
     */
    T create(Params params, BuildContext context);

    /**
     * Optional: how much heap one component built from these parameters needs, estimated from the sizes alone
     * before anything is allocated, or {@code null} when unknown (the default). The engine adds up the estimates of
     * a run's generator, its M experts, its router and its own buffers and refuses the run with one line naming the
     * parameters when they exceed the heap; without an estimate it can only build the component and catch the
     * {@link OutOfMemoryError}.
     *
     * <p>The context holds the run's M and T (its {@link BuildContext#rounds() rounds}); for experts and routers also
     * the task generator, already built (its dimension and samples per task), and for experts the index -1: the
     * estimate is that of one expert, the engine multiplies it by M. Count what the component keeps for the whole run
     * plus what one round allocates, with {@link Sizes} (in {@code long}: sizes that overflow an {@code int} must
     * read as large, never as negative). Sizes no heap can hold (an array longer than Java allows) may be refused
     * here with an {@link IllegalArgumentException} naming the parameters, as {@link #create} should refuse them.
     * Must be cheap and must not allocate what it estimates.
     */
    default Memory memory(Params params, BuildContext context) {
        return null;
    }
}
