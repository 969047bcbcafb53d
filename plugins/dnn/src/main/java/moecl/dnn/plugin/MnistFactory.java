package moecl.dnn.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import moecl.dnn.data.MnistData;
import moecl.dnn.data.MnistNotFoundException;
import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Variant;
import moecl.rng.RandomSource;
import moecl.task.TaskGenerator;

/**
 * {@code mnist}: binary MNIST tasks (paper.md §7, Fig. 3). Defaults are the reference script's: one-vs-rest tasks
 * for the digits 1, 4 and 7, 100 training and 1000 test images per arrival from a permutation of the 60,000
 * training images, sliced per expert, reference gate features.
 *
 * <p>Random streams: {@code pool} (the permutation of the training split) and {@code sequence} (the task types of
 * rounds 1..T, uniform). Data: the {@code data} folder, else {@link MnistData#locate} ($MOECL_DATA,
 * ~/.moecl/data/mnist).
 */
public final class MnistFactory implements GeneratorFactory, moecl.plugin.DataFiles {

    /** Where to get the four files, appended to a "not found" message. */
    public static final String HOW_TO_GET = "get train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (e.g. from "
            + "https://ossci-datasets.s3.amazonaws.com/mnist/) into one of these folders or pass data=DIR / --data DIR "
            + "(README.md, section MNIST)";

    private static final Map<Path, MnistData> CACHE = new ConcurrentHashMap<>();

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.GENERATOR, "mnist",
                "binary MNIST tasks (one-vs-rest digits or split pairs), 100 train / 1000 test images per arrival "
                        + "(Fig. 3)",
                Param.intList("digits", List.of(1L, 4L, 7L))
                        .doc("onevsrest: one task type per digit, label 1 iff the image shows that digit"),
                Param.choice("mode", "onevsrest",
                        Variant.of("onevsrest", "task type n: all images, label 1 iff the digit is digits[n]"),
                        Variant.of("split", "split-MNIST: types {0,1},{2,3},...,{8,9}, only the pair's images, "
                                + "label 1 iff the second digit (digits is ignored)"))
                        .doc("what a task type is"),
                Param.integer("train", 100).min(1).doc("training images per arrival"),
                Param.integer("test", 1000).min(1).doc("test images per arrival (the next ones in the permutation)"),
                Param.choice("slices", "per-expert",
                        Variant.of("per-expert", "occurrence k of the chosen expert's list (the reference)"),
                        Variant.of("per-arrival", "occurrence k = round - 1, independent of routing"))
                        .doc("which images an arrival uses: positions [k(train+test), +train) and the next test"),
                Param.choice("features", "reference",
                        Variant.of("reference", "per type the sum of its positive training images of occurrence 0, "
                                + "the matrix divided by its Frobenius norm, -0.5 on type 0 and +0.5 on type 1"),
                        Variant.of("mean", "per type the mean of its positive training images of occurrence 0"))
                        .doc("the gate input of a task type"),
                Param.string("data", "").doc("folder with the four MNIST IDX files (default: $MOECL_DATA, "
                        + "~/.moecl/data/mnist)"));
    }

    /** Images in the MNIST training and test splits. */
    static final long MNIST_IMAGES = 60_000 + 10_000;

    /**
     * The data set (the standard MNIST's 70,000 images of 784 bytes and their labels, about 53 MB, counted even
     * when an earlier run of this process loaded it), the world: the permutation of the 60,000 training images, the
     * split types' index lists, the gate features (N × 784) and the positive images summed for them (train × 784
     * values), and the arrival sequence (T types). What an arrival's images cost as network inputs is the experts'.
     */
    @Override
    public moecl.plugin.Memory memory(Params p, BuildContext ctx) {
        long image = (long) MnistData.SIDE * MnistData.SIDE;
        long data = moecl.plugin.Sizes.add(moecl.plugin.Sizes.bytes(moecl.plugin.Sizes.times(MNIST_IMAGES, image)),
                moecl.plugin.Sizes.times(2, moecl.plugin.Sizes.bytes(MNIST_IMAGES)));
        boolean split = p.choice("mode").variant().equals("split");
        long types = split ? 5 : p.intList("digits").size();
        long train = p.integer("train");
        long world = moecl.plugin.Sizes.add(moecl.plugin.Sizes.ints(60_000),
                split ? moecl.plugin.Sizes.times(types, moecl.plugin.Sizes.ints(12_000)) : 0,
                moecl.plugin.Sizes.matrix(types, image),
                moecl.plugin.Sizes.doubles(moecl.plugin.Sizes.times(train, image)),
                moecl.plugin.Sizes.times(2, moecl.plugin.Sizes.doubles(train)));
        return moecl.plugin.Memory.of(moecl.plugin.Sizes.add(data, world, moecl.plugin.Sizes.ints(ctx.rounds())),
                "train");
    }

    @Override
    public TaskGenerator create(Params p, BuildContext ctx) {
        int[][] pools;
        int[][] positives;
        if (p.choice("mode").variant().equals("split")) {
            pools = new int[5][];
            positives = new int[5][];
            for (int t = 0; t < 5; t++) {
                pools[t] = new int[] {2 * t, 2 * t + 1};
                positives[t] = new int[] {2 * t + 1};
            }
        } else {
            List<Long> digits = p.intList("digits");
            if (digits.isEmpty()) {
                throw new IllegalArgumentException("mnist digits must name at least one digit");
            }
            pools = new int[digits.size()][];
            positives = new int[digits.size()][];
            for (int t = 0; t < digits.size(); t++) {
                long d = digits.get(t);
                if (d < 0 || d > 9) {
                    throw new IllegalArgumentException("mnist digits: " + d + " is not a digit 0..9");
                }
                positives[t] = new int[] {(int) d};
            }
        }
        String dir = p.string("data");
        MnistData data = load(dir == null || dir.isBlank() ? null : Path.of(dir));
        RandomSource pool = ctx.stream("pool");
        int[] perm = MnistWorld.permutation(pool, data.train().size());
        MnistWorld.Slices slices = p.choice("slices").variant().equals("per-arrival")
                ? MnistWorld.Slices.PER_ARRIVAL : MnistWorld.Slices.PER_EXPERT;
        MnistWorld.Features features = p.choice("features").variant().equals("mean")
                ? MnistWorld.Features.MEAN : MnistWorld.Features.REFERENCE;
        MnistWorld world = new MnistWorld(data.train(), perm, pools, positives, p.int32("train"), p.int32("test"),
                slices, features);
        RandomSource seq = ctx.stream("sequence");
        int[] sequence = new int[ctx.rounds()];
        for (int t = 0; t < sequence.length; t++) {
            sequence[t] = seq.nextInt(world.types());
        }
        return new MnistGenerator(world, sequence);
    }

    /**
     * Loads MNIST from {@code explicit} or the search path, once per folder per JVM.
     *
     * @throws IllegalArgumentException one line naming where it looked and how to get the files
     */
    public static MnistData load(Path explicit) {
        Path dir;
        try {
            dir = MnistData.locate(explicit).toAbsolutePath().normalize();
        } catch (MnistNotFoundException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + HOW_TO_GET, e);
        }
        return CACHE.computeIfAbsent(dir, MnistData::load);
    }

    /** The four IDX files the {@code data} folder (or the search path) holds; none when MNIST is not found. */
    @Override
    public List<Path> dataFiles(moecl.plugin.Params p) {
        String data = p.string("data");
        Path dir;
        try {
            dir = MnistData.locate(data.isEmpty() ? null : Path.of(data)).toAbsolutePath().normalize();
        } catch (MnistNotFoundException | java.nio.file.InvalidPathException e) {
            return List.of();
        }
        List<Path> out = new java.util.ArrayList<>();
        for (String f : MnistData.FILES) {
            MnistData.find(dir, f).ifPresent(out::add);
        }
        return out;
    }
}
