package moecl.script.sandbox;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.io.FileSystem;

/**
 * The file system a script sees: the real one, limited to a few folders (the working directory, the run folders,
 * and whatever {@code --allow-io PATH} adds). Paths are normalised and symbolic links resolved before the check,
 * so {@code ../} and links cannot leave the allowed folders. A refused access throws a {@link Refused} (an
 * {@code AccessDeniedException}: a {@code PermissionError} a Python script can catch) naming the path and how to
 * allow it, and is remembered so the host can explain a guest error that hides it; the host's own checks
 * ({@link #check}, {@link #checkWrite}) throw {@link SecurityException}.
 */
public final class SandboxFileSystem extends ForwardingFileSystem {

    private final List<Path> roots;
    private final Path cwd;
    /** The last refusal: the path and the message that refused it. */
    private record Denied(String path, String message) {
    }

    private final AtomicReference<Denied> lastDenied = new AtomicReference<>();

    private final List<Path> writeRoots;

    /**
     * @param roots      the folders a script may read
     * @param writeRoots the folders it may also write (each inside or beside {@code roots})
     */
    public SandboxFileSystem(Path workDir, List<Path> roots, List<Path> writeRoots) {
        super(FileSystem.newDefaultFileSystem());
        this.cwd = workDir.toAbsolutePath().normalize();
        this.roots = roots.stream().map(SandboxFileSystem::real).distinct().toList();
        this.writeRoots = writeRoots.stream().map(SandboxFileSystem::real).distinct().toList();
        delegate.setCurrentWorkingDirectory(cwd);
    }

    /** The allowed folders, absolute and with links resolved. */
    public List<Path> roots() {
        return roots;
    }

    /** The last refused path, or null. */
    public String lastDenied() {
        Denied d = lastDenied.get();
        return d == null ? null : d.path();
    }

    /** Why the last refused path was refused (reading outside the folders, or writing outside the write folders). */
    public String lastDenial() {
        Denied d = lastDenied.get();
        return d == null ? null : d.message();
    }

    /**
     * Checks that a script (or host code acting for it) may write {@code p}: under a write root only. Returns p;
     * throws {@link SecurityException} naming the path and how to allow it.
     */
    public Path checkWrite(Path p) {
        Path r = real(p.isAbsolute() ? p : cwd.resolve(p));
        for (Path root : writeRoots) {
            if (r.startsWith(root)) {
                Path run = runFolder(root, r);
                if (run != null && !own.contains(run)) {
                    String message = "moecl sandbox: a script may not change " + r + ": it is in the run folder "
                            + run + ", which no moecl.run of this session made (earlier runs stay as they were); "
                            + "write new files beside it or in the script's own runs";
                    lastDenied.set(new Denied(r.toString(), message));
                    throw new SecurityException(message);
                }
                return p;
            }
        }
        String message = "moecl sandbox: a script may not write " + r + "; it writes only under "
                + String.join(", ", writeRoots.stream().map(Path::toString).toList())
                + " (run with --allow-write DIR to allow a folder)";
        lastDenied.set(new Denied(r.toString(), message));
        throw new SecurityException(message);
    }

    /** The run folders made for this session's scripts (by {@code moecl.run}): theirs to change. */
    private final java.util.Set<Path> own = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Marks a run folder as made for this session's scripts, which may then change what is in it. */
    public void own(Path runFolder) {
        own.add(real(runFolder));
    }

    /**
     * The run folder that {@code r}, under the write root {@code root}, is or lies in; null when it is in none. A run
     * folder holds {@code sweep.json} or {@code manifest.json}, or is a paper report ({@code paper.json}) or a run
     * folder of an earlier build ({@code summary.json} with its {@code runs}): a review changed an earlier report's
     * claims and an old folder's summary, which only the first two marks protected.
     */
    private static Path runFolder(Path root, Path r) {
        for (Path d = r; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (java.nio.file.Files.isRegularFile(d.resolve("sweep.json"))
                    || java.nio.file.Files.isRegularFile(d.resolve("manifest.json"))
                    || java.nio.file.Files.isRegularFile(d.resolve("paper.json")) || legacySummary(d)) {
                return d;
            }
        }
        return null;
    }

    /** Whether {@code d} holds the {@code summary.json} of an earlier build's run folder (a list of runs). */
    private static boolean legacySummary(Path d) {
        Path f = d.resolve("summary.json");
        if (!java.nio.file.Files.isRegularFile(f)) {
            return false;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(f)) {
            byte[] head = in.readNBytes(4096); // its first key is "runs"
            return new String(head, java.nio.charset.StandardCharsets.UTF_8).contains("\"runs\"");
        } catch (IOException e) {
            return true; // unreadable: protected, to be safe
        }
    }

    public void clearDenied() {
        lastDenied.set(null);
    }

    /** The real location of p: symbolic links resolved for the longest existing prefix. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = null;
        while (existing != null) {
            try {
                Path r = existing.toRealPath();
                return rest == null ? r : r.resolve(rest).normalize();
            } catch (IOException e) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
        }
        return abs;
    }

    /** The running Python script's folder (its modules are importable), or null. */
    private volatile Path scriptDir;

    /**
     * Lets a Python script import the modules next to it: in {@code dir} (with links resolved) it may read the folder,
     * its sub-folders (packages) and {@code .py}/{@code .pyc} files, nothing else; writing there is refused as
     * anywhere outside the write folders. {@code null} ends it.
     */
    public void scriptDir(Path dir) {
        this.scriptDir = dir == null ? null : real(dir);
    }

    /** Whether host code acting for the script may touch {@code p}. */
    public boolean allowed(Path p) {
        Path r = real(p.isAbsolute() ? p : cwd.resolve(p));
        for (Path root : roots) {
            if (r.startsWith(root)) {
                return true;
            }
        }
        Path d = scriptDir;
        if (d != null && r.startsWith(d)) {
            String n = r.getFileName() == null ? "" : r.getFileName().toString();
            return r.equals(d) || n.endsWith(".py") || n.endsWith(".pyc") || java.nio.file.Files.isDirectory(r);
        }
        return false;
    }

    /** Checks {@code p} and returns it absolute; throws {@link SecurityException} outside the allowed folders. */
    public Path check(Path p) {
        Path abs = (p.isAbsolute() ? p : cwd.resolve(p)).normalize();
        if (!allowed(abs)) {
            String message = denial(abs.toString());
            lastDenied.set(new Denied(abs.toString(), message));
            throw new SecurityException(message);
        }
        return abs;
    }

    /**
     * A refusal as a file system's callers expect one: an {@link java.nio.file.AccessDeniedException}, which the
     * languages turn into their own error (Python: {@code PermissionError}, errno 13) that a script can catch; a
     * {@link SecurityException} instead ended the script with a Java class name in its message. The message is the
     * sandbox's: the path, why, and how to allow it.
     */
    public static final class Refused extends java.nio.file.AccessDeniedException {
        private static final long serialVersionUID = 1L;
        private final String why;

        Refused(String file, String why) {
            super(file, null, why);
            this.why = why;
        }

        @Override
        public String getMessage() {
            return why;
        }
    }

    /** {@link #check} for the file system's own operations: a refusal is a {@link Refused}. */
    Path checkIo(Path p) throws Refused {
        try {
            return check(p);
        } catch (SecurityException e) {
            throw new Refused(p.toString(), e.getMessage());
        }
    }

    /** {@link #checkWrite} for the file system's own operations: a refusal is a {@link Refused}. */
    Path checkWriteIo(Path p) throws Refused {
        try {
            return checkWrite(p);
        } catch (SecurityException e) {
            throw new Refused(p.toString(), e.getMessage());
        }
    }

    String denial(String path) {
        return "moecl sandbox: " + path + " is outside the folders a script may use ("
                + String.join(", ", roots.stream().map(Path::toString).toList())
                + "); run with --allow-io PATH to allow more";
    }

    // every path operation passes check() first; WriteGuard's overrides look alike on purpose: it is the second
    // layer, which checks writes
    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        delegate.checkAccess(checkIo(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        delegate.createDirectory(checkIo(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(checkIo(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return delegate.newByteChannel(checkIo(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return delegate.newDirectoryStream(checkIo(dir), filter);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return delegate.toRealPath(checkIo(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(checkIo(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        delegate.setAttribute(checkIo(path), attribute, value, options);
    }

    @Override
    public void copy(Path source, Path target, java.nio.file.CopyOption... options) throws IOException {
        delegate.copy(checkIo(source), checkIo(target), options);
    }

    @Override
    public void move(Path source, Path target, java.nio.file.CopyOption... options) throws IOException {
        delegate.move(checkIo(source), checkIo(target), options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(checkIo(link), checkIo(existing));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        String message = "moecl sandbox: scripts may not create symbolic links";
        lastDenied.set(new Denied(link.toString(), message));
        throw new Refused(link.toString(), message);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return delegate.readSymbolicLink(checkIo(link));
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        throw new SecurityException("moecl sandbox: scripts may not change the working directory");
    }

    @Override
    public Path getTempDirectory() {
        return cwd;
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return delegate.isSameFile(checkIo(path1), checkIo(path2), options);
    }
}
