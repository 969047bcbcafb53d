package moecl.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV cells are quoted only when they must be, and a table reaches its file whole. */
class CsvTest {

    @TempDir
    Path tmp;

    @Test
    void fieldsAreQuotedOnlyWhenTheyHoldACommaAQuoteOrALineBreak() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"cr\r\"", Csv.field("cr\r"));
        assertEquals("", Csv.field(null));
        assertEquals("0.1", Csv.field(0.1));
        assertEquals("1.0E-7", Csv.field(1e-7));
        assertEquals("3", Csv.field(3L));
        assertEquals("1,,\"x,y\",true", Csv.line(Arrays.asList(1L, null, "x,y", true)));
    }

    @Test
    void writeCreatesFoldersAndLeavesNoPartialFile() throws Exception {
        Path target = tmp.resolve("a/b/t.csv");
        Csv.write(target, List.of("t", "name"), List.of(List.of(1L, "x"), List.of(2L, "y,z")));
        assertEquals(List.of("t,name", "1,x", "2,\"y,z\""), Files.readAllLines(target));
        Csv.write(target, List.of("t"), List.of());
        assertEquals(List.of("t"), Files.readAllLines(target));
        assertFalse(Files.exists(target.resolveSibling(".t.csv.partial")));
    }
}
