package moecl.dnn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import moecl.dnn.data.MnistData;

/** Where the real MNIST files are for tests: a {@code shared/data/mnist} folder above the working directory. */
public final class TestData {

    private TestData() {
    }

    /**
     * The first {@code shared/data/mnist} found walking up from the working directory (the module, under surefire;
     * on the project machines that is {@code /work/shared/data/mnist}), else the user's usual search path; empty if
     * neither has all four files.
     */
    public static Optional<Path> mnistDirectory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("mnist");
            if (Files.isDirectory(candidate) && complete(candidate)) {
                return Optional.of(candidate);
            }
        }
        try {
            return Optional.of(MnistData.locate(null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean complete(Path dir) {
        return MnistData.FILES.stream().allMatch(f -> MnistData.find(dir, f).isPresent());
    }
}
