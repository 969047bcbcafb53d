package moecl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where plugins come from, and what a user is told about a plugin that failed to load (the api's test services
 * name a provider whose constructor throws, {@code TestPlugins$Broken}, and one that does not exist).
 */
class RegistryProvenanceTest {

    @TempDir
    Path tmp;

    private final Registry registry = Registry.standard();

    private String unknown(Registry r, PluginKind kind, String name) {
        return assertThrows(IllegalArgumentException.class, () -> r.resolve(kind, name)).getMessage();
    }

    private static RouterFactory sessionRouter(String name) {
        return new RouterFactory() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.of(PluginKind.ROUTER, name, "a session router");
            }

            @Override
            public moecl.router.Router create(Params params, BuildContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void askingForAPluginWhoseProviderFailedSaysSoAndWhy() {
        String broken = unknown(registry, PluginKind.ROUTER, "broken");
        assertTrue(broken.startsWith("router 'broken' failed to load: moecl.plugin.TestPlugins$Broken: "
                + "java.util.ServiceConfigurationError: "), broken);
        assertTrue(broken.endsWith("caused by java.lang.IllegalStateException: broken on purpose"), broken);
        String missing = unknown(registry, PluginKind.ROUTER, "nosuchclass");
        assertTrue(missing.startsWith("router 'nosuchclass' failed to load: moecl.plugin.NoSuchClass: "), missing);
        assertTrue(missing.contains("Provider moecl.plugin.NoSuchClass not found"), missing);
        // the failures are routers: an expert of that name is just unknown
        assertTrue(unknown(registry, PluginKind.EXPERT, "broken").startsWith("unknown expert 'broken'"));
    }

    @Test
    void anUnknownNameWithoutASuggestionNamesWhatFailedToLoad() {
        assertEquals("unknown router 'zzz' (routers: constant, fixed); failed to load: moecl.plugin.TestPlugins$Broken,"
                + " moecl.plugin.NoSuchClass (moecl list says why)", unknown(registry, PluginKind.ROUTER, "zzz"));
        // a likely typo keeps its one suggestion
        assertEquals("unknown router 'fixd'; did you mean 'fixed'? (routers: constant, fixed)",
                unknown(registry, PluginKind.ROUTER, "fixd"));
    }

    @Test
    void anUnreadableJarIsAFailureOfEveryKindMatchedByItsFileName() {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader(),
                List.of(Registry.Failure.unreadableJar("gates-1.2.jar", "ZipException: zip END header not found")));
        assertEquals(List.of(new Registry.Failure(null, "gates-1.2.jar", "ZipException: zip END header not found",
                null, "gates-1.2.jar")), r.failures());
        assertEquals("router 'gates' failed to load: gates-1.2.jar: ZipException: zip END header not found",
                unknown(r, PluginKind.ROUTER, "gates"));
        assertEquals("expert 'gates-1.2' failed to load: gates-1.2.jar: ZipException: zip END header not found",
                unknown(r, PluginKind.EXPERT, "gates-1.2"));
        assertEquals("unknown router 'other' (routers: ); failed to load: gates-1.2.jar (moecl list says why)",
                unknown(r, PluginKind.ROUTER, "other"));
    }

    @Test
    void pluginsOnTheClassPathAreBuiltInAndRegisteredOnesBelongToTheSession() {
        assertEquals(Registry.Origin.BUILT_IN, registry.origin(registry.resolve(PluginKind.ROUTER, "fixed")));
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader());
        RouterFactory f = sessionRouter("mine");
        r.register(PluginKind.ROUTER, f);
        assertEquals(Registry.Origin.SESSION, r.origin(f));
        assertEquals("session", r.origin(f).toString());
        assertEquals("built-in", Registry.Origin.BUILT_IN.toString());
    }

    @Test
    void aJarsOriginIsItsFileNameVersionAndSha256() throws Exception {
        Path jar = tmp.resolve("gates-1.2.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        Registry.Origin o = Registry.jarOrigin(jar);
        assertEquals(new Registry.Origin("gates-1.2.jar", "1.2.0", sha), o);
        assertTrue(o.jar());
        assertEquals("gates-1.2.jar 1.2.0 sha256:" + sha.substring(0, 12), o.toString());
        Path plain = tmp.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain))) {
            out.putNextEntry(new JarEntry("x"));
            out.closeEntry();
        }
        assertNull(Registry.jarOrigin(plain).version());
    }

    @Test
    void reloadKeepsSessionPluginsAndSaysWhatChanged() throws IOException {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader());
        RouterFactory mine = sessionRouter("mine");
        r.register(PluginKind.ROUTER, mine);
        // the class loader of the tests sees the test services: fixed loads, two providers fail
        Registry.Change c = r.reload(RegistryProvenanceTest.class.getClassLoader(), List.of());
        assertEquals(List.of("router fixed"), c.added());
        assertEquals(List.of(), c.removed());
        assertEquals(List.of("router mine"), c.session());
        assertEquals(2, c.failures().size(), c.failures().toString());
        assertEquals(List.of("fixed", "mine"), r.list(PluginKind.ROUTER).stream().map(PluginDescriptor::name).toList());
        assertEquals(Registry.Origin.SESSION, r.origin(mine));
        // and back: fixed is gone, the failures too, the session router stays
        Registry.Change back = r.reload(ClassLoader.getPlatformClassLoader(), List.of());
        assertEquals(List.of("router fixed"), back.removed());
        assertEquals(List.of(), back.added());
        assertEquals(List.of(), r.failures());
        assertEquals(List.of("mine"), r.list(PluginKind.ROUTER).stream().map(PluginDescriptor::name).toList());
        assertTrue(r.unregister(PluginKind.ROUTER, "mine"));
        assertEquals(List.of(), r.reload(ClassLoader.getPlatformClassLoader(), List.of()).session());
    }
}
