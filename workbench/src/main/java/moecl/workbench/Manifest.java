package moecl.workbench;

/**
 * The provenance of a run folder: the command, every run's spec with all defaults resolved, seeds, versions, the
 * commit when known, and timings. Enough to re-run any result.
 */
public final class Manifest {

    private Manifest() {
    }

    /**
     * A manifest's first fields, in this order: {@code moecl} (version), {@code commit} (the jars' build), {@code
     * dirty}, {@code java} (the JVM's version) and {@code kernels} (the {@code moecl.kernels} mode: {@code generic}
     * sums the wide kernels in another order than {@code auto} and {@code scalar}, which agree bit for bit); a
     * mutable map for the rest.
     */
    public static java.util.Map<String, Object> stamp() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("moecl", version());
        m.put("commit", commit());
        m.put("dirty", dirty());
        m.put("java", Runtime.version().toString());
        m.put("kernels", kernels());
        return m;
    }

    /** The kernels this process uses ({@code moecl.kernels}): auto, scalar or generic. */
    public static String kernels() {
        return moecl.linalg.kernels.Kernels.mode().name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * The commit the jars were built from ({@code build.properties}, written at build time by the
     * git-commit-id plugin), else the one the launcher passes ({@code -Dmoecl.commit}), else null.
     */
    public static String commit() {
        String c = BUILD.getProperty("git.commit.id.abbrev");
        if (c == null || c.isBlank()) {
            c = System.getProperty("moecl.commit");
        }
        return c == null || c.isBlank() ? null : c;
    }

    /**
     * Whether the work tree had uncommitted changes when the jars were built ({@code null} when the build had no
     * git repository): a result from a dirty build cannot be traced to a commit alone.
     */
    public static Boolean dirty() {
        String d = BUILD.getProperty("git.dirty");
        return d == null || d.isBlank() ? null : Boolean.valueOf(d.trim());
    }

    private static final java.util.Properties BUILD = load();

    private static java.util.Properties load() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Manifest.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // no build stamp: commit() falls back to the launcher's
        }
        return p;
    }
}
