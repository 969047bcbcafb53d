package moecl.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Where the {@link Registry}'s plugins come from: a class's {@link Registry.Origin} (built in, or a jar with its
 * version and SHA-256), the jar that names a provider that failed to load, and a failure in one line.
 */
final class PluginSources {

    private PluginSources() {
    }

    /**
     * Where a class comes from: {@link Registry.Origin#BUILT_IN} when moecl's own class loader (or one of its parents)
     * loaded it, else the jar (or folder) its code source names, with the jar's version and SHA-256 ({@code jars}
     * caches them by path during one load).
     */
    static Registry.Origin originOf(Class<?> c, Map<String, Registry.Origin> jars) {
        ClassLoader l = c.getClassLoader();
        for (ClassLoader own = Registry.class.getClassLoader(); ; own = own.getParent()) {
            if (l == own) {
                return Registry.Origin.BUILT_IN;
            }
            if (own == null) {
                break;
            }
        }
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return new Registry.Origin(url == null ? "unknown" : url.toString(), null, null);
        }
        Path p;
        try {
            p = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Registry.Origin(url.toString(), null, null);
        }
        return jars.computeIfAbsent(p.toString(), k -> jarOrigin(p));
    }

    /** A jar's file name, {@code Implementation-Version} and SHA-256; a folder's name with a slash. */
    static Registry.Origin jarOrigin(Path p) {
        String file = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        if (!Files.isRegularFile(p)) {
            return new Registry.Origin(file + "/", null, null);
        }
        String version = null;
        try (JarFile jar = new JarFile(p.toFile())) {
            var mf = jar.getManifest();
            if (mf != null) {
                version = mf.getMainAttributes().getValue("Implementation-Version");
            }
        } catch (IOException | SecurityException e) {
            // no version then; the hash below still identifies the file
        }
        return new Registry.Origin(file, version, sha256(p));
    }

    /** The SHA-256 of a file in lower-case hex, or {@code unreadable} when it cannot be read. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The jar (file name) that holds or names a provider that failed, when it is a jar; else {@code null}. */
    static String sourceOf(String provider, PluginKind kind, ClassLoader loader) {
        try {
            URL u = loader.getResource(provider.replace('.', '/') + ".class");
            if (u == null) {
                // not there at all: the jar whose services file names it
                var files = loader.getResources("META-INF/services/" + kind.factoryType().getName());
                while (files.hasMoreElements()) {
                    URL f = files.nextElement();
                    var conn = f.openConnection();
                    conn.setUseCaches(false);
                    try (InputStream in = conn.getInputStream()) {
                        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        if (text.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(provider::equals)) {
                            u = f;
                            break;
                        }
                    }
                }
            }
            return u == null ? null : jarName(u);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code x.jar} for {@code jar:file:/a/b/x.jar!/...}; {@code null} for anything else. */
    private static String jarName(URL u) {
        if (!"jar".equals(u.getProtocol())) {
            return null;
        }
        String s = u.getPath();
        int bang = s.indexOf("!/");
        String file = bang >= 0 ? s.substring(0, bang) : s;
        return file.substring(file.lastIndexOf('/') + 1);
    }

    static String providerName(Throwable e) {
        // ServiceLoader messages read "<service>: Provider <class> could not be instantiated" or similar
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            String rest = m.substring(i + 9);
            int sp = rest.indexOf(' ');
            return sp > 0 ? rest.substring(0, sp) : rest;
        }
        return m;
    }

    static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString().replace('\n', ' ');
    }
}
