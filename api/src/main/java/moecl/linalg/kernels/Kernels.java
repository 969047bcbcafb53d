package moecl.linalg.kernels;

import java.util.Locale;

/**
 * The one place where the engine's kernels are chosen: by shape, once per object (a solver, a router, a generator,
 * the metrics), never by a test on the size inside a loop.
 *
 * <ul>
 *   <li>{@link #vec(int) vec(n)}: products, distances and updates of vectors of length n. At n = 10 (the paper's
 *   d) and n = 6 (its noise rank r) straight-line kernels; from n = {@value #WIDE} on the wide kernels
 *   ({@link Lanes}: eight lanes of fused multiply-adds); otherwise the generic loops.
 *   <li>{@link #solve(int, int) solve(d, s)}: the min-norm update's unpivoted Cholesky, its substitutions and
 *   {@code Δ = X c}. At s = 6 (the Fig. 2 tasks) written out; from d = {@value #WIDE} on a blocked Gram matrix and
 *   lane dot products, on the Vector API when the JVM has it and {@code s²d} is at least
 *   {@value #DEFAULT_VECTOR_WORK};
 *   otherwise loops.
 *   <li>{@link #clusterRows(int, int) clusterRows(d, r)}: the {@code clusters} generator's copied rows, written out
 *   at d = 10, r = 6.
 * </ul>
 *
 * <p>The written-out kernels (n = 10, n = 6, s = 6, d = 10 with r = 6) perform the generic loops' operations in the
 * same order: the same bits (KernelsTest checks each against its loop). The wide kernels sum in another order (eight
 * lanes, fused multiply-adds), so their results differ from the generic loops' in the last bits; they are the same
 * on every machine, with or without the Vector API, at any thread count (the vector code and its scalar mirror are
 * checked bit for bit).
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default, as above), {@code generic} (the
 * generic loops everywhere: the reference the specialisations are checked against) or {@code scalar} (as auto but
 * the wide kernels without the Vector API; same results as auto). It is read when a kernel is chosen.
 */
public final class Kernels {

    /** The system property that chooses the kernels. */
    public static final String PROPERTY = "moecl.kernels";
    /** From this length on, reductions use the wide kernels. */
    public static final int WIDE = 64;

    /**
     * The solve uses the Vector API only from this {@code s²·d} on (twice the Gram matrix's multiply-adds; d = 1000,
     * s = 100 is 10^7). Below it the vectors' JIT warm-up (about 0.25 s of CPU for the warm-up thread, more for C2's
     * compiles at the real shape) cost more than they saved in a run of 1000 rounds: at d = 500, s = 50 the whole
     * process took 1.9–2.0 s of CPU with them against 1.4–1.5 s with the scalar lanes (the same bits either way).
     * The system property {@code moecl.kernels.vectorWork} overrides it, for measurements (results do not change).
     */
    static final long VECTOR_WORK = Long.getLong("moecl.kernels.vectorWork", Kernels.DEFAULT_VECTOR_WORK);

    /** {@link #VECTOR_WORK} unless overridden. */
    static final long DEFAULT_VECTOR_WORK = 4_000_000;

    /** What {@value #PROPERTY} asks for. */
    public enum Mode {
        AUTO, GENERIC, SCALAR
    }

    private static final boolean VECTOR_PRESENT = vectorUsable();

    private Kernels() {
    }

    /** The mode {@value #PROPERTY} asks for now. */
    public static Mode mode() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return Mode.AUTO;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Mode.AUTO;
            case "generic" -> Mode.GENERIC;
            case "scalar" -> Mode.SCALAR;
            default -> throw new IllegalArgumentException("the system property " + PROPERTY
                    + " must be auto, generic or scalar; got '" + v + "'");
        };
    }

    /** The kernels for vectors of length n under the current {@link #mode()}. */
    public static VecKernel vec(int n) {
        return vec(n, mode());
    }

    public static VecKernel vec(int n, Mode mode) {
        if (n < 0) {
            throw new IllegalArgumentException("a vector length must be >= 0, got " + n);
        }
        if (mode == Mode.GENERIC) {
            return new VecKernel.Generic(n);
        }
        if (n == 10) {
            return new VecKernel.Ten();
        }
        if (n == 6) {
            return new VecKernel.Six();
        }
        if (n >= WIDE) {
            return new VecKernel.Wide(n, new ScalarLanes()); // O(n) or O(s·n) a round: not worth the vectors' JIT time
        }
        return new VecKernel.Generic(n);
    }

    /** The min-norm solve's kernels for X of d × s under the current {@link #mode()}. */
    public static SolveKernel solve(int d, int s) {
        return solve(d, s, mode());
    }

    public static SolveKernel solve(int d, int s, Mode mode) {
        VecKernel v = vec(d, mode);
        if (mode != Mode.GENERIC && d >= WIDE) {
            return new SolveKernel.Wide(d, s, v, (long) s * s * d >= VECTOR_WORK ? lanes(mode) : new ScalarLanes());
        }
        if (mode != Mode.GENERIC && s == 6 && d >= 6) {
            return new SolveKernel.Six(d, v);
        }
        return new SolveKernel.Generic(d, s, v);
    }

    /** The {@code clusters} generator's copied rows for tasks of d rows with noise rank r. */
    public static ClusterRows clusterRows(int d, int r) {
        return clusterRows(d, r, mode());
    }

    public static ClusterRows clusterRows(int d, int r, Mode mode) {
        if (mode != Mode.GENERIC && d == 10 && r == 6) {
            return new ClusterRows.TenSix();
        }
        return new ClusterRows(d, r);
    }

    /** Whether the wide kernels run on the Vector API in this JVM (module present, eight-lane double vectors). */
    public static boolean vectorApi() {
        return VECTOR_PRESENT;
    }

    /** A line saying which kernels the current mode picks for d and s, for diagnostics. */
    public static String describe(int d, int s) {
        return "kernels " + mode().name().toLowerCase(Locale.ROOT) + ": vec(" + d + ")=" + vec(d).name()
                + ", solve(" + d + "," + s + ")=" + solve(d, s).name();
    }

    static Lanes lanes(Mode mode) {
        if (mode == Mode.AUTO && VECTOR_PRESENT) {
            try {
                return (Lanes) Class.forName("moecl.linalg.kernels.VectorLanes").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarLanes();
            }
        }
        return new ScalarLanes();
    }

    private static boolean vectorUsable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            Class<?> c = Class.forName("moecl.linalg.kernels.VectorLanes");
            return (Boolean) c.getDeclaredMethod("usable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
