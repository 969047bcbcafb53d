package moecl.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A short hash of the moecl code this process runs: every {@code moecl-*} jar and every class folder holding a
 * {@code moecl} package on the class path (with the jars a manifest {@code Class-Path} names, as the launcher's
 * jar does), by content only, so that the same build on two machines gives the same hash and two different builds
 * never do. It goes into the cluster name: members of different builds never join each other.
 */
final class BuildHash {

    private static volatile String cached;

    private BuildHash() {
    }

    /** 12 hex digits. */
    static String get() {
        String h = cached;
        if (h == null) {
            h = compute(entries());
            cached = h;
        }
        return h;
    }

    /** The moecl class path entries: the class path (manifests followed) plus the code sources of moecl's core. */
    static Set<Path> entries() {
        Set<Path> out = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>();
        String cp = System.getProperty("java.class.path", "");
        for (String s : cp.split(java.io.File.pathSeparator)) {
            if (!s.isBlank()) {
                add(todo, Path.of(s));
            }
        }
        for (Class<?> c : List.of(moecl.engine.Sweep.class, moecl.workbench.sweep.SweepPlan.class, BuildHash.class)) {
            CodeSource src = c.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                Path p = toPath(src.getLocation());
                if (p != null) {
                    add(todo, p);
                }
            }
        }
        Set<Path> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Path p = todo.pop();
            if (!seen.add(p)) {
                continue;
            }
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                if (p.getFileName().toString().startsWith("moecl")) {
                    out.add(p);
                }
                for (Path q : manifestClassPath(p)) {
                    add(todo, q);
                }
            } else if (Files.isDirectory(p) && Files.isDirectory(p.resolve("moecl"))) {
                out.add(p);
            }
        }
        return out;
    }

    private static void add(Deque<Path> todo, Path p) {
        try {
            todo.add(p.toAbsolutePath().normalize());
        } catch (InvalidPathException | java.io.IOError e) {
            // not a usable entry
        }
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> out = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            Manifest m = jf.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return out;
            }
            URI base = jar.toUri();
            for (String item : cp.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Path.of(base.resolve(new URI(item))));
                } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // an entry the JVM would skip too
                }
            }
        } catch (IOException e) {
            // not a readable jar: nothing to follow
        }
        return out;
    }

    /** The hash of the entries' contents, independent of their paths and order. */
    static String compute(Set<Path> entries) {
        TreeSet<String> digests = new TreeSet<>();
        for (Path p : entries) {
            digests.add(Files.isDirectory(p) ? hashFolder(p) : hashJar(p));
        }
        MessageDigest md = sha256();
        for (String d : digests) {
            md.update(d.getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(md.digest(), 0, 6);
    }

    /** A jar by its entries' names, CRCs and sizes (so time stamps in it do not count). */
    private static String hashJar(Path jar) {
        MessageDigest md = sha256();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            List<ZipEntry> list = new ArrayList<>(z.stream().filter(e -> !e.isDirectory()).toList());
            list.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry e : list) {
                String line = e.getName() + "\0" + e.getCrc() + "\0" + e.getSize() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            md.update(("unreadable " + jar.getFileName()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A class folder by its files' relative paths and contents. */
    private static String hashFolder(Path dir) {
        MessageDigest md = sha256();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            files = List.of();
        }
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(dir.relativize(f).toString().replace('\\', '/'));
        }
        names.sort(null);
        byte[] buf = new byte[1 << 16];
        for (String n : names) {
            md.update((n + "\0").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(dir.resolve(n))) {
                for (int k; (k = in.read(buf)) > 0; ) {
                    md.update(buf, 0, k);
                }
            } catch (IOException e) {
                md.update("unreadable".getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
