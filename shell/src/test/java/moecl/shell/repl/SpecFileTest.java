package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.plugin.Registry;

/** The session's experiment: set, unset, show, and spec files (one key=value per line, # comments). */
class SpecFileTest {

    @TempDir
    Path tmp;

    static final Registry R = Registry.standard();

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        SessionSpec spec = new SessionSpec();
        spec.set(R, "M=5 router=paper(eta=0.3, stop=threshold(gamma=0.318, minRounds=95)), T=500");
        Path f = tmp.resolve("sub/exp.spec");
        // a missing folder is not created, an existing file not replaced without --force
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class, () -> spec.save(f, false));
        assertEquals("no folder " + tmp.resolve("sub") + " for " + f + "; create it first (mkdir -p "
                + tmp.resolve("sub") + ")", noDir.getMessage());
        assertFalse(Files.exists(tmp.resolve("sub")));
        Files.createDirectories(f.getParent());
        spec.save(f, false);
        String text = Files.readString(f);
        assertTrue(text.startsWith("#"), text);
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> spec.save(f, false));
        assertEquals(f + " exists; not overwritten (save " + f + " --force overwrites it)", exists.getMessage());
        spec.set(R, "T=600");
        spec.save(f, true);
        assertTrue(Files.readString(f).contains("T=600"));
        SessionSpec back = new SessionSpec();
        assertEquals(3, back.load(R, f));
        assertEquals(spec.assignments(), back.assignments());
        assertEquals(List.of("M=5", "router=paper(eta=0.3, stop=threshold(gamma=0.318, minRounds=95))", "T=600"),
                back.assignments());
    }

    @Test
    void aBadLineNamesFileAndLineAndLeavesTheSpecAlone() throws IOException {
        Path f = tmp.resolve("bad.spec");
        Files.writeString(f, "# comment\n\nM=3\nroutr=paper\n");
        SessionSpec spec = new SessionSpec();
        spec.set(R, "T=7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.load(R, f));
        assertTrue(e.getMessage().startsWith(f + ":4: unknown key 'routr'; did you mean 'router'?"), e.getMessage());
        assertEquals(List.of("T=7"), spec.assignments());
        assertThrows(IllegalArgumentException.class, () -> spec.load(R, tmp.resolve("missing.spec")));
    }

    @Test
    void showMarksDefaultsAndUnsetRestoresThem() {
        SessionSpec spec = new SessionSpec();
        spec.set(R, "m=7");
        String shown = spec.show();
        assertTrue(shown.contains("  M        7"), shown);
        assertTrue(shown.lines().filter(l -> l.endsWith("(default)")).count() == 5, shown);
        assertTrue(spec.unset("M"));
        assertTrue(spec.show().lines().allMatch(l -> l.endsWith("(default)")));
        assertThrows(IllegalArgumentException.class, () -> spec.set(R, "M=5 router=paper(eta=0.3"));
        assertTrue(spec.assignments().isEmpty(), "a bad set changes nothing");
    }

    @Test
    void devicesFoldersHugeAndBinaryFilesAreRefusedWithOneLine() throws IOException {
        SessionSpec spec = new SessionSpec();
        IllegalArgumentException dev = assertThrows(IllegalArgumentException.class,
                () -> spec.load(R, Path.of("/dev/zero")));
        assertEquals("/dev/zero is not a regular file (a device or a pipe); a spec file holds key=value lines",
                dev.getMessage());
        IllegalArgumentException dir = assertThrows(IllegalArgumentException.class,
                () -> spec.load(R, tmp));
        assertEquals(tmp + " is a folder, not a spec file", dir.getMessage());
        Path big = tmp.resolve("big.spec");
        Files.write(big, new byte[(int) SessionSpec.MAX_FILE + 1]);
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> spec.load(R, big));
        assertEquals(big + " is 1048577 bytes; a spec file holds a few key=value lines (at most 1048576 bytes)",
                huge.getMessage());
        Path bin = tmp.resolve("bin.spec");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        IllegalArgumentException notText = assertThrows(
                IllegalArgumentException.class, () -> spec.load(R, bin));
        assertEquals(bin + " is not UTF-8 text; a spec file holds key=value lines", notText.getMessage());
    }
}
