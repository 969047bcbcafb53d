package moecl.script.sandbox;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

import org.graalvm.polyglot.io.FileSystem;

/**
 * What a script may change: it writes, creates, deletes, renames and changes attributes only under the folders it
 * may write (the run folders and {@code --allow-io}/{@code --allow-write} folders), whatever the file system below
 * would allow. Above all, the languages' internal resources (GraalPy's standard library, native libraries in the
 * polyglot resource cache), which guest code must be able to read, stay read-only: a script that could rewrite
 * them would run code outside the sandbox in the next script. The working directory, a checkout of moecl itself
 * (its launcher, its {@code .git/hooks}), is readable and not writable.
 */
public final class WriteGuard extends ForwardingFileSystem {

    private final SandboxFileSystem sandbox;

    /** @param delegate the file system below (the sandbox with the languages' internal resources added) */
    public WriteGuard(FileSystem delegate, SandboxFileSystem sandbox) {
        super(delegate);
        this.sandbox = sandbox;
    }

    private Path writable(Path p) throws SandboxFileSystem.Refused {
        return sandbox.checkWriteIo(p);
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
        if (modes.contains(AccessMode.WRITE)) {
            writable(path);
        }
        delegate.checkAccess(path, modes, linkOptions);
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
        return delegate.newByteChannel(writes(options) ? writable(path) : path, options, attrs);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        delegate.setAttribute(writable(path), attribute, value, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        delegate.copy(source, writable(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        delegate.move(writable(source), writable(target), options);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(writable(link), existing);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        delegate.createSymbolicLink(writable(link), target, attrs);
    }

}
