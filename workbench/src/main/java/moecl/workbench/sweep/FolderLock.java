package moecl.workbench.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS file lock on a sweep folder's {@code .lock}: held while a process works on the folder, so that two
 * processes never write into one sweep (a second one is refused with a message), and visible to {@code runs}
 * ({@link #busy}) as a sweep in progress. The lock goes with the process, so a killed one leaves none behind.
 */
final class FolderLock {

    static final String FILE = ".lock";

    /**
     * Folders this process holds the lock of. Closing any channel of a locked file drops the process's lock on
     * Linux, so {@link #busy} must not open the lock file of a folder held here.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or refuses when this or another process holds it. */
    static FolderLock take(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (HELD.contains(key)) {
            throw new IllegalArgumentException(folder + " is being written by this moecl process already; wait for "
                    + "that sweep to finish");
        }
        try {
            FileChannel ch = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new IllegalArgumentException(folder + " is being written by another moecl process; wait for it "
                        + "to finish (or stop it) and try again");
            }
            try { // the process id is for people looking; the lock is what counts (and a full disk may refuse it)
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (IOException ignored) {
                // the lock holds without it
            }
            HELD.add(key);
            return new FolderLock(key, ch, l);
        } catch (IOException e) {
            throw new StoreFailure("cannot lock " + folder + ": " + RunIo.reason(e), e);
        }
    }

    /** Whether another process holds the folder's lock right now (a sweep in progress). */
    static boolean busy(Path folder) {
        if (HELD.contains(folder.toAbsolutePath().normalize())) {
            return true;
        }
        Path lockFile = folder.resolve(FILE);
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this process holds it
        } catch (IOException e) {
            return false;
        }
    }

    /** Releases the lock (the file stays: it is only a name to lock). */
    void release() {
        HELD.remove(key);
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // released with the process anyway
        }
    }
}
