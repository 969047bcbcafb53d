package moecl.cluster;

import moecl.plugin.Registry;

/**
 * The plugin registry the runs of this process's cluster members use: {@link Registry#standard()} unless set.
 * {@code moecl worker} sets the session's registry (class path plus plugin folders); an embedded member uses the
 * registry of the sweep that started it.
 */
public final class MemberRegistry {

    private static volatile Registry registry;

    private MemberRegistry() {
    }

    public static void set(Registry r) {
        registry = r;
    }

    public static Registry get() {
        Registry r = registry;
        if (r == null) {
            synchronized (MemberRegistry.class) {
                r = registry;
                if (r == null) {
                    r = Registry.standard();
                    registry = r;
                }
            }
        }
        return r;
    }
}
