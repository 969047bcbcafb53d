package moecl.linalg.kernels;

import java.util.Locale;

/**
 * The one place where the engine's vector kernels are chosen: by shape, once per object (a router, a generator, the
 * metrics, a solver), never by a test on the size inside a loop.
 *
 * <ul>
 *   <li>{@link #vec(int) vec(n)}: products, distances and updates of vectors of length n. At n = 10 (the paper's
 *   d) and n = 6 (its noise rank r) straight-line kernels; from n = {@value #WIDE} on the wide kernels
 *   ({@link Lanes}: eight lanes of fused multiply-adds); otherwise the generic loops.
 *   <li>{@link #lanes(Mode)} and {@link #scalarLanes()}: the eight lanes themselves, for a plugin's own wide
 *   kernels (the paper plugin's min-norm solve builds its Gram matrix and {@code Δ = X c} on them).
 * </ul>
 *
 * <p>The written-out kernels (n = 10, n = 6) perform the generic loops' operations in the same order: the same bits
 * (KernelsTest checks each against its loop). The wide kernels sum in another order (eight lanes, fused
 * multiply-adds), so their results differ from the generic loops' in the last bits; they are the same on every
 * machine, with or without the Vector API, at any thread count (the vector code and its scalar mirror are checked
 * bit for bit).
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default, as above), {@code generic} (the
 * generic loops everywhere: the reference the specialisations are checked against) or {@code scalar} (as auto but
 * the wide kernels without the Vector API; same results as auto). It is read when a kernel is chosen; plugins that
 * choose their own kernels read it through {@link #mode()}.
 */
public final class Kernels {

    /** The system property that chooses the kernels. */
    public static final String PROPERTY = "moecl.kernels";
    /** From this length on, reductions use the wide kernels. */
    public static final int WIDE = 64;

    /** What {@value #PROPERTY} asks for. */
    public enum Mode {
        AUTO, GENERIC, SCALAR
    }

    /** The vector lanes' class for this JVM ({@code VectorLanes} or {@code VectorLanes256}), or null: none. */
    private static final String VECTOR_CLASS = vectorClass();
    private static final boolean VECTOR_PRESENT = VECTOR_CLASS != null;

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

    /**
     * Whether the wide kernels run on the Vector API in this JVM: the module is present and the machine has double
     * vectors of eight lanes (AVX-512: {@code VectorLanes}) or four (AVX2: {@code VectorLanes256}).
     */
    public static boolean vectorApi() {
        return VECTOR_PRESENT;
    }

    /**
     * The eight lanes for a wide kernel under {@code mode}: on the Vector API in auto mode when this JVM has it
     * ({@link #vectorApi()}: one 512-bit vector or two 256-bit ones), else in plain Java; all give the same bits.
     * Scratch inside: one per kernel object.
     */
    public static Lanes lanes(Mode mode) {
        if (mode == Mode.AUTO && VECTOR_PRESENT) {
            try {
                return (Lanes) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarLanes();
            }
        }
        return new ScalarLanes();
    }

    /** Whether the {@code jdk.incubator.vector} module is in this JVM (whether or not its vectors are usable). */
    static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Whether the JVM's widest double vectors have eight lanes (AVX-512): {@code VectorLanes} is in use. */
    static boolean eightLaneVectors() {
        return "moecl.linalg.kernels.VectorLanes".equals(VECTOR_CLASS);
    }

    /** The eight lanes in plain Java (for kernels whose work is too small to repay the Vector API's warm-up). */
    public static Lanes scalarLanes() {
        return new ScalarLanes();
    }

    private static String vectorClass() {
        if (!vectorModule()) {
            return null;
        }
        for (String name : new String[] {"moecl.linalg.kernels.VectorLanes", "moecl.linalg.kernels.VectorLanes256"}) {
            try {
                Class<?> c = Class.forName(name);
                if ((Boolean) c.getDeclaredMethod("usable").invoke(null)) {
                    return name;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
        return null;
    }
}
