package moecl.dnn.data;

/**
 * An IDX file that cannot be used: wrong magic number, impossible dimensions, truncated or trailing data, a broken
 * gzip stream, or an I/O failure while reading it. Unchecked because a bad data file is a configuration error the
 * caller reports, not a condition it recovers from.
 *
 * <p>The message always starts with the file name and then says what is wrong, for example
 * {@code "train-images-idx3-ubyte.gz: truncated: expected 47040000 pixel bytes, found 1200"}.
 */
public final class IdxFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the name of the file (as shown to the user; usually the file name without directories)
     * @param problem what is wrong with it
     */
    public IdxFormatException(String file, String problem) {
        this(file, problem, null);
    }

    /** As {@link #IdxFormatException(String, String)}, keeping the low-level exception that revealed the problem. */
    public IdxFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file name this exception is about. */
    public String file() {
        return file;
    }

    /** What is wrong with the file, without the file name. */
    public String problem() {
        return problem;
    }
}
