package moecl.dnn.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import moecl.dnn.data.MnistData;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.PluginFactory;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;

/** Tiny MNIST-shaped IDX files, the real data folder, and building plugins from spec text. */
final class Fixtures {

    private Fixtures() {
    }

    /** The digit of training image i in the tiny set. */
    static int label(int i) {
        return (i * 7 + i / 10) % 10;
    }

    /**
     * Writes a tiny MNIST folder: {@code count} 28×28 training images with label {@link #label(int)} and pixels
     * that depend on the label (so tasks are learnable) and on the index; 10 test images.
     */
    static Path tinyMnist(Path dir, int count) {
        try {
            Files.write(dir.resolve(MnistData.TRAIN_IMAGES), images(count));
            Files.write(dir.resolve(MnistData.TRAIN_LABELS), labels(count));
            Files.write(dir.resolve(MnistData.TEST_IMAGES), images(10));
            Files.write(dir.resolve(MnistData.TEST_LABELS), labels(10));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int pixel(int i, int p) {
        int d = label(i);
        int row = p / 28;
        boolean stroke = row >= 2 * d + 2 && row < 2 * d + 6;
        return stroke ? 200 + (i + p) % 56 : (i * 31 + p * 17) % 40;
    }

    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
        b.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 784; p++) {
                b.put((byte) pixel(i, p));
            }
        }
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) label(i));
        }
        return b.array();
    }

    /** The real MNIST folder: {@code shared/data/mnist} in the module folder or any folder above it; null if absent. */
    static Path realMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("data").resolve("mnist");
            if (MnistData.find(c, MnistData.TRAIN_IMAGES).isPresent()) {
                return c;
            }
        }
        return null;
    }

    static BuildContext context(int experts, int rounds, long seed) {
        return new BuildContext(experts, rounds, seed, RngKind.FAST, null, null, -1);
    }

    /** Builds a component of {@code factory} from spec text, e.g. {@code mnist(train=10)}. */
    static <T> T build(PluginFactory<T> factory, String spec, BuildContext ctx) {
        return factory.create(Binder.bind(factory.descriptor(), SpecParser.parseComponent(spec)), ctx);
    }

    static String quoted(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }
}
