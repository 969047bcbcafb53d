package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a command prints reaches the stream before the process exits, even without a final newline flush. */
class MainOutputTest {

    @Test
    void describeOutputIsFlushedWhenTheCommandEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // autoflush only flushes on println: describe prints with print
        PrintWriter out = new PrintWriter(bytes, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"describe", "paper"}, out, new PrintWriter(new ByteArrayOutputStream()));
        assertEquals(0, code);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("gate learning rate"), text);
    }
}
