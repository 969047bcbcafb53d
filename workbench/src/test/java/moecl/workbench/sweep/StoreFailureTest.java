package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails because its thread was interrupted (Ctrl-C while a run's rows go to disk) is a cancellation,
 * not a broken store; any other failed write stops the sweep as a store failure naming the run.
 */
class StoreFailureTest {

    @TempDir
    Path tmp;

    @Test
    void anInterruptedWriteIsACancellation() throws IOException {
        IOException closed;
        try (FileChannel ch = FileChannel.open(tmp.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Thread.currentThread().interrupt();
            try {
                ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                throw new AssertionError("an interrupted channel write should fail");
            } catch (ClosedByInterruptException e) {
                closed = e;
            }
        } finally {
            Thread.interrupted(); // clear the flag for the next tests
        }
        RuntimeException c = StoreFailure.writing("abc", closed);
        assertInstanceOf(CancellationException.class, c);
        assertEquals("cancelled while writing run abc", c.getMessage());
        assertSame(closed, c.getCause());

        RuntimeException f = StoreFailure.writing("abc", new java.nio.file.AccessDeniedException("x"));
        assertInstanceOf(StoreFailure.class, f);
        assertEquals("cannot write run abc: permission denied", f.getMessage());
    }
}
