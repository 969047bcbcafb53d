package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences against analytic gradients.
 *
 * <p>Tolerance. With step {@code h = 1e-5} the central difference has truncation error {@code h²/6·|f'''|} (about
 * {@code 2e-11} for the O(1) third derivatives here) and rounding error about {@code ε·|f|/h} (with {@code ε = 1.1e-16}
 * and {@code |f| ≤ 10}, about {@code 1e-10}). So a correct gradient agrees to about {@code 1e-10} absolutely; a wrong
 * one (a missing term, a transposed index, a factor of 2) is off by a sizeable fraction of the gradient itself. We
 * require {@code |fd − g| ≤ 1e-6·max(|fd|, |g|) + 1e-9} per coordinate: the relative part is four orders of
 * magnitude above the expected error for gradients above {@code 1e-4} and the absolute floor keeps near-zero
 * components from failing on rounding noise alone, while still catching any gradient that is wrong by more than
 * {@code 1e-9}.
 */
final class GradientCheck {

    static final double H = 1e-5;
    static final double RELATIVE = 1e-6;
    static final double ABSOLUTE = 1e-9;

    private GradientCheck() {
    }

    /** The central difference of {@code f} in coordinate {@code i} of {@code v} (restored afterwards). */
    static double centralDifference(double[] v, int i, DoubleSupplier f) {
        double saved = v[i];
        v[i] = saved + H;
        double plus = f.getAsDouble();
        v[i] = saved - H;
        double minus = f.getAsDouble();
        v[i] = saved;
        return (plus - minus) / (2 * H);
    }

    /** Whether two gradient values agree within the tolerance above. */
    static boolean agree(double fd, double analytic) {
        return Math.abs(fd - analytic) <= RELATIVE * Math.max(Math.abs(fd), Math.abs(analytic)) + ABSOLUTE;
    }

    /** Checks every coordinate of {@code analytic} against finite differences of {@code f} over {@code v}. */
    static void checkAll(String what, double[] v, double[] analytic, DoubleSupplier f) {
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            double fd = centralDifference(v, i, f);
            int at = i;
            assertTrue(agree(fd, analytic[i]),
                    () -> what + "[" + at + "]: finite difference " + fd + ", analytic " + analytic[at]);
            worst = Math.max(worst, Math.abs(fd - analytic[i]));
        }
        assertTrue(worst < 1e-8, what + ": worst absolute error " + worst);
    }
}
