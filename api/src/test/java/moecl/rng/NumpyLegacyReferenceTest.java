package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code numpy_legacy_ops.txt} (made by {@code make_numpy_reference.py} with real numpy) call by call
 * and requires identical outputs (doubles compared bitwise), the same generator position, the same cached normal
 * and the same number of words consumed per call.
 */
class NumpyLegacyReferenceTest {

    private static final String OPS = "/rng/numpy_legacy_ops.txt";

    @TestFactory
    Stream<DynamicTest> replaysNumpyCallByCall() {
        List<NumpyReferenceData.Line> lines = NumpyReferenceData.read(OPS);
        List<List<NumpyReferenceData.Line>> blocks = new ArrayList<>();
        for (NumpyReferenceData.Line l : lines) {
            if (l.text().startsWith("seed ")) {
                blocks.add(new ArrayList<>());
            }
            if (blocks.isEmpty()) {
                fail(OPS + ":" + l.number() + ": expected a seed line first");
            }
            blocks.getLast().add(l);
        }
        assertTrue(blocks.size() >= 5, "expected a block per seed");
        return blocks.stream().map(b -> DynamicTest.dynamicTest(
                "line " + b.getFirst().number() + ": " + b.getFirst().text().split(" \\|")[0] + " (" + b.size()
                        + " calls)",
                () -> replay(b)));
    }

    private static void replay(List<NumpyReferenceData.Line> block) {
        NumpyLegacyRandom rng = null;
        MessageDigest md = NumpyReferenceData.sha256();
        ByteBuffer buf = ByteBuffer.allocate(8);
        for (NumpyReferenceData.Line line : block) {
            String where = OPS + ":" + line.number() + " [" + line.text().split(" [:|] ")[0] + "]";
            String[] stateAndRest = line.text().split(" \\| ");
            String[] specAndValues = stateAndRest[0].split(" : ");
            String[] spec = specAndValues[0].split(" ");
            String[] values = specAndValues.length > 1 ? specAndValues[1].split(" ") : new String[0];
            long before = rng == null ? 0 : rng.draws();
            switch (spec[0]) {
                case "seed" -> rng = new NumpyLegacyRandom(Long.parseLong(spec[1]));
                case "raw" -> {
                    for (int i = 0; i < count(spec[1]); i++) {
                        assertEquals(Long.parseLong(values[i]), Integer.toUnsignedLong(rng.nextInt32()),
                                where + " value " + i);
                    }
                }
                case "randn" -> {
                    for (int i = 0; i < count(spec[1]); i++) {
                        assertBits(values[i], rng.nextGaussian(), where + " value " + i);
                    }
                }
                case "sample" -> {
                    for (int i = 0; i < count(spec[1]); i++) {
                        assertBits(values[i], rng.nextDouble(), where + " value " + i);
                    }
                }
                case "uniform" -> {
                    double a = Double.parseDouble(spec[1]);
                    double b = Double.parseDouble(spec[2]);
                    for (int i = 0; i < count(spec[3]); i++) {
                        assertBits(values[i], rng.uniform(a, b), where + " value " + i);
                    }
                }
                case "randint" -> {
                    long lo = Long.parseLong(spec[1]);
                    long hi = Long.parseLong(spec[2]);
                    for (int i = 0; i < count(spec[3]); i++) {
                        long expected = Long.parseLong(values[i]);
                        if (lo == 0 && hi <= Integer.MAX_VALUE) {
                            // The general method must agree with nextInt on the same state.
                            assertEquals(expected, rng.copy().randint(lo, hi), where + " randint value " + i);
                            assertEquals(expected, rng.nextInt((int) hi), where + " nextInt value " + i);
                        } else {
                            assertEquals(expected, rng.randint(lo, hi), where + " value " + i);
                        }
                    }
                }
                case "randn_sha256", "sample_sha256", "log_sha256" -> {
                    md.reset();
                    int k = Integer.parseInt(spec[1]);
                    for (int i = 0; i < k; i++) {
                        double v = switch (spec[0]) {
                            case "randn_sha256" -> rng.nextGaussian();
                            case "sample_sha256" -> rng.nextDouble();
                            default -> GlibcLog.log(rng.nextDouble());
                        };
                        NumpyReferenceData.putDouble(md, buf, v);
                    }
                    assertEquals(values[0], NumpyReferenceData.hex(md), where + " digest");
                }
                case "randint_sha256" -> {
                    md.reset();
                    long lo = Long.parseLong(spec[1]);
                    long hi = Long.parseLong(spec[2]);
                    int k = Integer.parseInt(spec[3]);
                    for (int i = 0; i < k; i++) {
                        NumpyReferenceData.putLong(md, buf, rng.nextInt((int) (hi - lo)) + lo);
                    }
                    assertEquals(values[0], NumpyReferenceData.hex(md), where + " digest");
                }
                default -> fail(where + ": unknown op " + spec[0]);
            }
            String[] st = stateAndRest[1].split(" ");
            assertEquals(Integer.parseInt(st[0]), rng.position(), where + " position after the call");
            assertEquals("1".equals(st[1]), rng.hasCachedGaussian(), where + " gauss cache flag after the call");
            assertBits(st[2], rng.cachedGaussian(), where + " cached gauss after the call");
            if (!"?".equals(st[3])) {
                assertEquals(Long.parseLong(st[3]), rng.draws() - before, where + " 32-bit words consumed");
            }
        }
    }

    /** "-" is numpy's scalar call (one value); scalar and array calls consume identically (asserted in python). */
    private static int count(String k) {
        return "-".equals(k) ? 1 : Integer.parseInt(k);
    }

    private static void assertBits(String expectedRepr, double actual, String message) {
        double expected = Double.parseDouble(expectedRepr);
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail(message + ": expected " + expectedRepr + " (" + Double.toHexString(expected) + ") but got "
                    + actual + " (" + Double.toHexString(actual) + ")");
        }
    }
}
