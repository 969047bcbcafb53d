package moecl.shell;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import moecl.plugin.Registry;

/**
 * Where third-party plugin jars are found: {@code plugins} in the moecl home folder ({@link MoeclHome}; left out
 * with {@code --no-home-plugins}) and the folders of {@code --plugin-path}, else of the {@code moecl.plugin.path}
 * property or {@code MOECL_PLUGIN_PATH}, separated by the platform's path separator. A jar with a
 * {@code META-INF/services} entry for one of the factory interfaces just works; a jar that cannot be read (not a
 * zip, no permission) is reported as a failed plugin instead of being skipped.
 */
final class PluginPath {

    /**
     * Which folders to search.
     *
     * @param path folders separated by the path separator, replacing {@code MOECL_PLUGIN_PATH}; {@code null}: the
     *             environment's
     * @param home whether to search the home folder's {@code plugins}
     */
    record Options(String path, boolean home) {
        static final Options DEFAULT = new Options(null, true);

        Options withPath(String p) {
            return new Options(p, home);
        }

        Options withHome(boolean h) {
            return new Options(path, h);
        }
    }

    /**
     * The plugin class loader over the readable jars, and the jars that could not be read. Closing it closes the
     * class loader (when it is one of ours).
     */
    record Jars(ClassLoader loader, List<Path> folders, List<Path> jars, List<Registry.Failure> unreadable)
            implements AutoCloseable {
        @Override
        public void close() {
            if (loader instanceof URLClassLoader u && loader != parent()) {
                try {
                    u.close();
                } catch (IOException e) {
                    // the jars stay open until exit; nothing else to do
                }
            }
        }
    }

    private PluginPath() {
    }

    static ClassLoader parent() {
        return Main.class.getClassLoader();
    }

    static List<Path> folders(Options o) {
        List<Path> dirs = new ArrayList<>();
        if (o.home()) {
            Path home = MoeclHome.folder();
            if (home != null) {
                dirs.add(home.resolve("plugins"));
            }
        }
        String extra = o.path() != null ? o.path()
                : System.getProperty("moecl.plugin.path", System.getenv("MOECL_PLUGIN_PATH"));
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        return dirs;
    }

    /** Opens the plugin jars of the folders {@code o} names, in folder order and by name within a folder. */
    static Jars open(Options o) {
        List<Path> dirs = folders(o);
        List<Path> jars = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        List<Registry.Failure> unreadable = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> found;
            try (Stream<Path> s = Files.list(dir)) {
                found = s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                unreadable.add(Registry.Failure.unreadableJar(dir + File.separator,
                        "cannot list the plugin folder: " + e));
                continue;
            }
            for (Path jar : found) {
                String why = unreadable(jar);
                if (why != null) {
                    unreadable.add(Registry.Failure.unreadableJar(jar.getFileName().toString(), why));
                    continue;
                }
                try {
                    urls.add(jar.toUri().toURL());
                    jars.add(jar);
                } catch (MalformedURLException e) {
                    unreadable.add(Registry.Failure.unreadableJar(jar.getFileName().toString(), e.toString()));
                }
            }
        }
        ClassLoader loader = urls.isEmpty() ? parent()
                : new URLClassLoader("moecl-plugins", urls.toArray(URL[]::new), parent());
        return new Jars(loader, List.copyOf(dirs), List.copyOf(jars), List.copyOf(unreadable));
    }

    /** Why a jar cannot be used (a class loader would skip it without a word), or {@code null}. */
    static String unreadable(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return "not a regular file";
        }
        if (!Files.isReadable(jar)) {
            return "cannot read it: permission denied";
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            j.getManifest();
            return null;
        } catch (IOException | SecurityException e) {
            String m = e.getMessage();
            // the reader's own words (a zip error, a bad signature), without Java's exception name
            return "not a readable jar" + (m == null || m.isBlank() ? "" : ": " + m)
                    + (e instanceof SecurityException ? " (its signature does not verify)" : "");
        }
    }

    /**
     * What a reload changed, in one line: {@code plugins reloaded (1 jar): reloaded router lastexpert (jar
     * changed); kept session router mine}.
     */
    static String describe(Registry.Change c, int jars) {
        List<String> parts = new ArrayList<>();
        if (!c.added().isEmpty()) {
            parts.add("added " + String.join(", ", c.added()));
        }
        if (!c.removed().isEmpty()) {
            parts.add("removed " + String.join(", ", c.removed()));
        }
        if (!c.reloaded().isEmpty()) {
            parts.add("reloaded " + String.join(", ", c.reloaded().stream()
                    .map(p -> c.changed().contains(p) ? p + " (jar changed)" : p + " (same jar)").toList()));
        }
        if (!c.session().isEmpty()) {
            parts.add("kept session " + String.join(", ", c.session()));
        }
        if (!c.dropped().isEmpty()) {
            parts.add("dropped session " + String.join(", ", c.dropped()) + " (a loaded plugin has the name now)");
        }
        if (!c.failures().isEmpty()) {
            parts.add("failed to load: " + String.join(", ", c.failures().stream()
                    .map(f -> f.kind() == null ? f.provider() : f.provider() + (f.source() == null ? ""
                            : " in " + f.source())).distinct().toList()) + " (list says why)");
        }
        return "plugins reloaded (" + jars + " jar" + (jars == 1 ? "" : "s") + "): "
                + (parts.isEmpty() ? "no change" : String.join("; ", parts));
    }
}
