package moecl.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A capability a plugin factory may implement when the components it builds read data files (MNIST's IDX files,
 * say): the files a component built with the given parameters would read. Manifests record each file's size and
 * sha256, so that a result names the exact data it came from and {@code moecl rerun} can tell changed data from
 * changed code.
 */
@moecl.spi.Experimental
public interface DataFiles {

    /**
     * The files read with these (bound) parameters, in a stable order; an empty list when none are found (the
     * build itself reports missing data).
     */
    List<Path> dataFiles(Params params);
}
