package moecl.dnn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The MNIST handwritten digits: the four standard IDX files loaded from one directory.
 *
 * <p>File names are the standard ones, each either gzip-compressed ({@code .gz}, tried first) or raw:
 * {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS}, {@value #TEST_IMAGES}, {@value #TEST_LABELS}. Whether a file is
 * compressed is decided by its content (see {@link IdxReader}), so a mislabelled file still reads.
 *
 * <p>Where the data is looked for ({@link #locate(Path)}): an explicitly given directory is authoritative (it alone
 * is searched, so a typo is reported rather than silently replaced by other data); otherwise
 * {@code $MOECL_DATA/mnist}, then {@code $MOECL_DATA} itself, then {@code ~/.moecl/data/mnist}; the first directory
 * holding all four files wins.
 */
public final class MnistData {

    /** Base name of the training images file. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Base name of the training labels file. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Base name of the test images file. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Base name of the test labels file. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four base names, in the order they are reported. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** Environment variable naming the moecl data root (MNIST in its {@code mnist} subfolder). */
    public static final String ENV = "MOECL_DATA";

    /** Mean pixel value of the MNIST training set after {@code /255}, as used by torchvision and the paper. */
    public static final double MEAN = 0.1307;
    /** Standard deviation of the pixel values after {@code /255}. */
    public static final double STD = 0.3081;

    /** Image side length. */
    public static final int SIDE = 28;

    private final Path directory;
    private final MnistSplit train;
    private final MnistSplit test;

    private MnistData(Path directory, MnistSplit train, MnistSplit test) {
        this.directory = directory;
        this.train = train;
        this.test = test;
    }

    /** The 60,000 training examples. */
    public MnistSplit train() {
        return train;
    }

    /** The 10,000 test examples. */
    public MnistSplit test() {
        return test;
    }

    /** The directory the files were read from. */
    public Path directory() {
        return directory;
    }

    /** Loads from the first directory of the search path (see {@link #locate(Path)} with no explicit directory). */
    public static MnistData load() {
        return load(locate(null));
    }

    /**
     * Loads the four files from {@code directory} and checks that they fit together: 28×28 images, as many labels
     * as images, digits 0..9.
     *
     * @throws MnistNotFoundException if a file is missing
     * @throws IdxFormatException     if a file is unreadable, truncated, corrupt or inconsistent with the others
     */
    public static MnistData load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        List<String> missing = missing(directory);
        if (!missing.isEmpty()) {
            throw new MnistNotFoundException("MNIST incomplete in " + directory + ": missing " + describe(missing));
        }
        MnistSplit train = split(directory, TRAIN_IMAGES, TRAIN_LABELS);
        MnistSplit test = split(directory, TEST_IMAGES, TEST_LABELS);
        return new MnistData(directory, train, test);
    }

    /**
     * The directory to load MNIST from: {@code explicit} if not null (it must hold the files), otherwise the first
     * complete directory among {@code $MOECL_DATA/mnist}, {@code $MOECL_DATA}, {@code ~/.moecl/data/mnist}; the
     * moecl home folder {@code $MOECL_HOME} (or the {@code moecl.home} property), when set, replaces
     * {@code ~/.moecl}.
     *
     * @throws MnistNotFoundException naming every directory looked at and what was missing in each
     */
    public static Path locate(Path explicit) {
        Map<String, String> env = System.getenv();
        String home = System.getProperty("moecl.home");
        if (home != null && !home.isBlank()) {
            env = new java.util.HashMap<>(env);
            env.put(HOME_ENV, home);
        }
        return locate(explicit, env, Path.of(System.getProperty("user.home")));
    }

    /** The environment variable naming the moecl home folder, which replaces {@code ~/.moecl}. */
    static final String HOME_ENV = "MOECL_HOME";

    /** {@link #locate(Path)} with the environment and home directory given (for tests and embedding). */
    public static Path locate(Path explicit, Map<String, String> env, Path home) {
        List<Candidate> candidates = candidates(explicit, env, home);
        StringJoiner looked = new StringJoiner("; ");
        for (Candidate c : candidates) {
            List<String> missing = missing(c.directory());
            if (missing.isEmpty()) {
                return c.directory();
            }
            String what = Files.isDirectory(c.directory()) ? "missing " + describe(missing) : "no such directory";
            looked.add(c.origin() + " " + c.directory() + " (" + what + ")");
        }
        throw new MnistNotFoundException("MNIST not found: looked in " + looked + "; each directory needs "
                + describe(FILES) + " (gzip or raw)");
    }

    /** A directory on the search path and where it came from (for messages). */
    public record Candidate(Path directory, String origin) {
    }

    /** The search path, in order (see {@link #locate(Path)}). */
    public static List<Candidate> candidates(Path explicit, Map<String, String> env, Path home) {
        List<Candidate> out = new ArrayList<>();
        if (explicit != null) {
            out.add(new Candidate(explicit, "explicit directory"));
            return out;
        }
        String root = env.get(ENV);
        if (root != null && !root.isBlank()) {
            out.add(new Candidate(Path.of(root).resolve("mnist"), "$" + ENV + "/mnist ="));
            out.add(new Candidate(Path.of(root), "$" + ENV + " ="));
        }
        String moeclHome = env.get(HOME_ENV);
        if (moeclHome != null && !moeclHome.isBlank()) {
            out.add(new Candidate(Path.of(moeclHome).resolve("data").resolve("mnist"), "$" + HOME_ENV
                    + "/data/mnist ="));
        } else {
            out.add(new Candidate(home.resolve(".moecl").resolve("data").resolve("mnist"), "~/.moecl/data/mnist ="));
        }
        return out;
    }

    /** The file for a base name in {@code directory}: {@code name.gz} if present, else {@code name}, else empty. */
    public static Optional<Path> find(Path directory, String baseName) {
        Path gz = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path raw = directory.resolve(baseName);
        return Files.isRegularFile(raw) ? Optional.of(raw) : Optional.empty();
    }

    private static List<String> missing(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (find(directory, f).isEmpty()) {
                missing.add(f);
            }
        }
        return missing;
    }

    private static String describe(List<String> baseNames) {
        StringJoiner j = new StringJoiner(", ");
        baseNames.forEach(n -> j.add(n + "[.gz]"));
        return j.toString();
    }

    private static MnistSplit split(Path directory, String imagesName, String labelsName) {
        Path imagesFile = find(directory, imagesName).orElseThrow();
        Path labelsFile = find(directory, labelsName).orElseThrow();
        IdxImages images = IdxReader.readImages(imagesFile);
        IdxLabels labels = IdxReader.readLabels(labelsFile);
        String in = IdxReader.displayName(imagesFile);
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new IdxFormatException(in, "bad dimensions: MNIST images are " + SIDE + "x" + SIDE + ", found "
                    + images.rows() + "x" + images.cols());
        }
        String ln = IdxReader.displayName(labelsFile);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(ln, "has " + labels.count() + " labels but " + in + " has "
                    + images.count() + " images");
        }
        byte[] l = labels.labels();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) > 9) {
                throw new IdxFormatException(ln, "label " + (l[i] & 0xFF) + " at index " + i
                        + " is not a digit 0..9");
            }
        }
        return new MnistSplit(images, labels);
    }
}
