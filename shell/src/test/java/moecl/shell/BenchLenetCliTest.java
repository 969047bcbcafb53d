package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import moecl.shell.Cli.Result;

/** {@code moecl bench lenet}: one line per precision and thread count, and one-line errors for bad options. */
class BenchLenetCliTest {

    private static final Pattern LINE = Pattern.compile(
            "lenet precision=(float32|float64) threads=(\\d+) batch=100 median_us=(\\d+) p25_us=\\d+ p75_us=\\d+ "
                    + "min_us=\\d+( cpu_median_us=\\d+)?");

    @Test
    void printsOneLinePerPrecisionAndThreadCount() {
        Result r = run("bench", "lenet", "--threads", "1,2", "--precision", "float32,float64", "--reps", "3",
                "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("lenet training step: java "), lines.getFirst());
        assertTrue(lines.getFirst().contains("kernels vector-"), "the launcher's Vector API flag is in effect");
        List<String> configs = lines.subList(1, lines.size());
        assertEquals(4, configs.size(), r.out());
        String[][] expected = {{"float32", "1"}, {"float32", "2"}, {"float64", "1"}, {"float64", "2"}};
        for (int i = 0; i < 4; i++) {
            Matcher m = LINE.matcher(configs.get(i));
            assertTrue(m.matches(), configs.get(i));
            assertEquals(expected[i][0], m.group(1));
            assertEquals(expected[i][1], m.group(2));
            assertTrue(Long.parseLong(m.group(3)) > 0);
            assertEquals(expected[i][1].equals("1"), m.group(4) != null, "CPU time is reported for one thread");
        }
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Result r = run("bench", "lenet", "--threads", "1,x");
        assertEquals(2, r.code());
        assertEquals("moecl: bench lenet --threads 1,x: expected thread counts 1..1024 separated by commas, e.g. 1,2",
                r.err().strip());
        r = run("bench", "lenet", "--precision", "float32,half");
        assertEquals(2, r.code());
        assertEquals("moecl: bench lenet --precision float32,half: half is not allowed; allowed: float32, float64 "
                + "(separated by commas)", r.err().strip());
        r = run("bench", "lenet", "--reps", "0");
        assertEquals(2, r.code());
        assertEquals("moecl: --reps 0 is out of range; allowed: >= 1", r.err().strip());
        r = run("bench", "resnet");
        assertEquals(2, r.code());
        assertEquals("moecl: bench: unknown benchmark resnet; allowed: lenet (or nothing for the engine)",
                r.err().strip());
        r = run("bench", "--precision", "float32");
        assertEquals(2, r.code());
        assertEquals("moecl: bench: --threads, --precision, --reps and --warmup are options of bench lenet",
                r.err().strip());
        assertEquals("", r.out());
    }
}
