package moecl.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The bytes a guest prints (UTF-8), passed line by line to a {@link PrintWriter}. */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter target;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    WriterOutputStream(PrintWriter target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() > 0) {
            target.write(buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
        }
        target.flush();
    }
}
