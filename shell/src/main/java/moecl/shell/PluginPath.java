package moecl.shell;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where third-party plugin jars are found: {@code ~/.moecl/plugins} and the folders in {@code MOECL_PLUGIN_PATH}
 * (or the {@code moecl.plugin.path} property), separated by the platform's path separator. A jar with a
 * {@code META-INF/services} entry for one of the factory interfaces just works.
 */
final class PluginPath {

    private PluginPath() {
    }

    static List<Path> folders() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("user.home");
        if (home != null) {
            dirs.add(Path.of(home, ".moecl", "plugins"));
        }
        String extra = System.getProperty("moecl.plugin.path", System.getenv("MOECL_PLUGIN_PATH"));
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        return dirs;
    }

    static ClassLoader classLoader() {
        ClassLoader parent = Main.class.getClassLoader();
        List<URL> jars = new ArrayList<>();
        for (Path dir : folders()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(p.toUri().toURL());
                }
            } catch (IOException e) {
                // an unreadable plugin folder is not fatal: built-in plugins keep working
            }
        }
        return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
    }
}
