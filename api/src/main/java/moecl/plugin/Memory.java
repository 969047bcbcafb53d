package moecl.plugin;

import java.util.List;

/**
 * What one component needs of the heap, estimated from its parameters before it is built
 * ({@link PluginFactory#memory}), and the parameters that drive that need, for the message that refuses a run
 * the heap cannot hold: {@code "gaussian(d=100000000, N=1000): needs 745.1 GB, the heap is 6 GB: lower d or N, or
 * raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)"}.
 *
 * @param bytes the bytes the component holds at its largest while a run goes on: what it keeps for the whole run
 *              and what one round allocates; {@link Long#MAX_VALUE} for sizes whose count overflows
 * @param lower the parameters to name in the message, as the user writes them: the component's own (e.g.
 *              {@code d}, {@code hidden}) or the run's and its tasks' sizes ({@code M}, {@code T}, {@code d},
 *              {@code s}) when those drive it
 */
@moecl.spi.Experimental
public record Memory(long bytes, List<String> lower) {

    public Memory {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory estimate cannot be negative, got " + bytes);
        }
        lower = List.copyOf(lower);
    }

    /** An estimate naming the parameters that drive it. */
    public static Memory of(long bytes, String... lower) {
        return new Memory(bytes, List.of(lower));
    }
}
