package moecl.rng;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reading the files written by {@code make_numpy_reference.py} and hashing values the way it does. */
final class NumpyReferenceData {

    private NumpyReferenceData() {
    }

    /** One non-comment line with its 1-based line number. */
    record Line(int number, String text) {
    }

    static List<Line> read(String resource) {
        InputStream in = NumpyReferenceData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource
                    + " (run make_numpy_reference.py in api/src/test/resources/rng/)");
        }
        List<Line> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (!s.isBlank() && !s.startsWith("#")) {
                    lines.add(new Line(n, s));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest md) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) md.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** numpy {@code astype('>f8').tobytes()}. */
    static void putDouble(MessageDigest md, ByteBuffer buf, double v) {
        buf.clear();
        buf.putDouble(v);
        md.update(buf.array(), 0, 8);
    }

    /** numpy {@code astype('>i8').tobytes()}. */
    static void putLong(MessageDigest md, ByteBuffer buf, long v) {
        buf.clear();
        buf.putLong(v);
        md.update(buf.array(), 0, 8);
    }
}
