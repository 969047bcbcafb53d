package moecl.theory;

/**
 * Argument validation shared by the theory classes; every message names the parameter, its value and what is
 * allowed.
 */
final class Check {

    private Check() {
    }

    static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }

    static void sigma(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw fail("sigma must be finite and >= 0; got sigma = " + sigma);
        }
    }

    static void notNull(String name, Object value) {
        if (value == null) {
            throw fail(name + " must not be null");
        }
    }

    static void numExperts(int numExperts) {
        if (numExperts < 1) {
            throw fail("numExperts must be >= 1; got numExperts = " + numExperts);
        }
    }

    /** types: non-null, T >= 1, every entry in [0, N). Returns T. */
    static int types(int[] types, int n) {
        notNull("types", types);
        if (types.length < 1) {
            throw fail("types must contain at least one round (T >= 1); got T = 0");
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i] < 0 || types[i] >= n) {
                throw fail("types[" + i + "] must be in [0, N) = [0, " + n + "); got " + types[i]);
            }
        }
        return types.length;
    }

    static void experts(int[] experts, int rounds, int numExperts) {
        notNull("experts", experts);
        if (experts.length != rounds) {
            throw fail("experts must have the same length as types (T = " + rounds + "); got length "
                    + experts.length);
        }
        for (int i = 0; i < experts.length; i++) {
            if (experts[i] < 0 || experts[i] >= numExperts) {
                throw fail("experts[" + i + "] must be in [0, M) = [0, " + numExperts + "); got " + experts[i]);
            }
        }
    }

    static void rounds(String name, long t) {
        if (t < 1) {
            throw fail(name + " must be >= 1; got " + name + " = " + t);
        }
    }

    /** The truths' dimension (if known) must equal the projection's d (if known). */
    static void dimensions(Projection projection, TruthGeometry truths) {
        if (projection.d().isPresent() && truths.dimension().isPresent()
                && projection.d().getAsInt() != truths.dimension().getAsInt()) {
            throw fail("truths must have dimension d = " + projection.d().getAsInt() + "; got dimension "
                    + truths.dimension().getAsInt());
        }
    }
}
