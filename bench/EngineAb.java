import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Engine cost per round of two builds in one JVM, alternating, so that both see the same machine (this machine
 * runs at two speeds that differ by about 1.5x and switch within seconds; separate JVMs cannot compare builds to
 * better than that). Each build gets its own class loader; every iteration runs `reps` runs of 5,000 rounds of
 * clusters + minnorm + paper(stop=never), M = 20, paper F and G (MOECL_AB_METRICS=ALL: all four, NONE), for A and
 * then for B; the first quarter of the
 * iterations is warm-up. Prints the medians and the median (and quartiles) of the per-iteration ratio B/A.
 *
 * Usage (see engine_ab.sh): java bench/EngineAb.java CLASSPATH_A CLASSPATH_B [ITERATIONS]
 */
public class EngineAb {

    static Method microsPerRound(ClassLoader cl) throws Exception {
        for (Method m : Class.forName("moecl.workbench.Bench", true, cl).getDeclaredMethods()) {
            if (m.getName().equals("microsPerRound")) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new IllegalStateException("no Bench.microsPerRound in " + cl);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static double median(ClassLoader cl, Method m, int reps) throws Exception {
        Object registry = Class.forName("moecl.plugin.Registry", true, cl).getMethod("standard").invoke(null);
        Class metrics = Class.forName("moecl.workbench.Bench$Metrics", true, cl);
        Object r = m.invoke(null, registry, 20, 5_000, reps, Enum.valueOf(metrics, System.getenv().getOrDefault("MOECL_AB_METRICS", "PAPER")));
        double[] us = r instanceof double[] d ? d.clone() : new double[] {(Double) r};
        Arrays.sort(us);
        return us[us.length / 2];
    }

    static URLClassLoader loader(String classPath) {
        URL[] urls = Arrays.stream(classPath.split(":")).filter(s -> !s.isBlank()).map(s -> {
            try {
                return Path.of(s).toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    public static void main(String[] args) throws Exception {
        URLClassLoader a = loader(args[0]);
        URLClassLoader b = loader(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Method ma = microsPerRound(a);
        Method mb = microsPerRound(b);
        double[] ra = new double[iterations];
        double[] rb = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            ra[i] = median(a, ma, 6);
            rb[i] = median(b, mb, 6);
        }
        int skip = iterations / 4;
        double[] sa = Arrays.copyOfRange(ra, skip, iterations);
        double[] sb = Arrays.copyOfRange(rb, skip, iterations);
        double[] ratio = new double[iterations - skip];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = sb[i] / sa[i];
        }
        Arrays.sort(sa);
        Arrays.sort(sb);
        Arrays.sort(ratio);
        int n = ratio.length;
        System.out.printf("A %.3f us/round  B %.3f us/round (medians over %d iterations)  B/A %.3f (quartiles %.3f-%.3f)%n",
                sa[n / 2], sb[n / 2], n, ratio[n / 2], ratio[n / 4], ratio[3 * n / 4]);
    }
}
