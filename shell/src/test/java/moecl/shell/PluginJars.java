package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
        Path jar = dir.resolve("plugins/" + className.toLowerCase(java.util.Locale.ROOT) + ".jar");
        jar(dir, jar, className, source, service, null);
        return jar.getParent();
    }

    /**
     * Compiles {@code thirdparty.CLASS} from {@code source} (in a fresh folder under {@code work}) and packs it with
     * a {@code META-INF/services} entry for {@code service} into {@code jar}, replacing it; with
     * {@code Implementation-Version: version} in the jar's manifest unless {@code version} is null.
     */
    static Path jar(Path work, Path jar, String className, String source, String service, String version)
            throws IOException {
        Files.createDirectories(work);
        Path build = Files.createTempDirectory(work, "build-");
        Path src = build.resolve("src/thirdparty/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = build.resolve("classes");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the plugin compiles");
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            out.write(("thirdparty." + className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("thirdparty/"));
            out.closeEntry();
            try (Stream<Path> s = Files.walk(classes.resolve("thirdparty"))) {
                for (Path c : s.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry("thirdparty/" + c.getFileName()));
                    Files.copy(c, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
