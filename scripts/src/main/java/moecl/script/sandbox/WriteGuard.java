package moecl.script.sandbox;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;

import org.graalvm.polyglot.io.FileSystem;

/**
 * What a script may change: it writes, creates, deletes, renames and changes attributes only under the folders it
 * may write (the run folders and {@code --allow-io}/{@code --allow-write} folders), whatever the file system below
 * would allow. Above all, the languages' internal resources (GraalPy's standard library, native libraries in the
 * polyglot resource cache), which guest code must be able to read, stay read-only: a script that could rewrite
 * them would run code outside the sandbox in the next script. The working directory, a checkout of moecl itself
 * (its launcher, its {@code .git/hooks}), is readable and not writable.
 *
 * <p>Every path is made absolute here first, against the language's working directory as the file system below
 * keeps it ({@code toAbsolutePath}), and only the absolute path is checked and passed on. A relative path had been
 * checked against the directory the script started in but opened against the one it had changed to with
 * {@code os.chdir}: a review wrote into an earlier run's segment file that way.
 */
public final class WriteGuard extends ForwardingFileSystem {

    private final SandboxFileSystem sandbox;

    /** @param delegate the file system below (the sandbox with the languages' internal resources added) */
    public WriteGuard(FileSystem delegate, SandboxFileSystem sandbox) {
        super(delegate);
        this.sandbox = sandbox;
    }

    /** {@code p} absolute, against the working directory the language has now. */
    private Path abs(Path p) {
        return p.isAbsolute() ? p : delegate.toAbsolutePath(p);
    }

    private Path writable(Path p) throws SandboxFileSystem.Refused {
        return sandbox.checkWriteIo(abs(p));
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE
                    || o == StandardOpenOption.CREATE_NEW || o == StandardOpenOption.TRUNCATE_EXISTING
                    || o == StandardOpenOption.DELETE_ON_CLOSE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Path a = modes.contains(AccessMode.WRITE) ? writable(path) : abs(path);
        delegate.checkAccess(a, modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        delegate.createDirectory(writable(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(writable(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return delegate.newByteChannel(writes(options) ? writable(path) : abs(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return delegate.newDirectoryStream(abs(dir), filter);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return delegate.toRealPath(abs(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(abs(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        delegate.setAttribute(writable(path), attribute, value, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        delegate.copy(abs(source), writable(target), options);
    }

    /**
     * A move (Python's {@code os.rename} and {@code os.replace} ask for an atomic one, which the file system below
     * refused even within one folder: "Atomic move not supported"); then a plain move that replaces the target, as
     * rename does on POSIX.
     */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Path from = writable(source);
        Path to = writable(target);
        try {
            delegate.move(from, to, options);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            java.util.Set<CopyOption> plain = new java.util.LinkedHashSet<>(java.util.Arrays.asList(options));
            plain.remove(java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            plain.add(java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            delegate.move(from, to, plain.toArray(new CopyOption[0]));
        }
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(writable(link), abs(existing));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        delegate.createSymbolicLink(writable(link), target, attrs); // the target is the link's text, not a path here
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return delegate.readSymbolicLink(abs(link));
    }

    @Override
    public boolean isSameFile(Path path1, Path path2, LinkOption... options) throws IOException {
        return delegate.isSameFile(abs(path1), abs(path2), options);
    }
}
