package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

/** Third-party plugin jars made by tests: one class in package {@code thirdparty}, compiled and packed. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * Compiles {@code thirdparty.CLASS} from {@code source}, packs it with a {@code META-INF/services} entry for
     * {@code service} into {@code dir/plugins/NAME.jar} and returns the plugin folder.
     */
    static Path build(Path dir, String className, String source, String service) throws IOException {
        Path src = dir.resolve("src/thirdparty/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the plugin compiles");
        Path jar = dir.resolve("plugins/" + className.toLowerCase(java.util.Locale.ROOT) + ".jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            out.write(("thirdparty." + className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("thirdparty/"));
            out.closeEntry();
            try (Stream<Path> s = Files.walk(classes.resolve("thirdparty"))) {
                for (Path c : s.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry("thirdparty/" + c.getFileName()));
                    Files.copy(c, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
        return jar.getParent();
    }
}
