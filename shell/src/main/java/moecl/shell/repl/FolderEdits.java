package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import moecl.spec.Echo;
import moecl.spec.Suggest;

/**
 * The REPL's commands that change the runs root: {@code tag RUN NAME}, {@code untag NAME} and {@code rm RUN...}
 * (a folder is renamed out of sight before it is deleted).
 */
final class FolderEdits {

    private FolderEdits() {
    }

    static void tag(Repl repl, List<String> args, String rest) {
        Path root = repl.session().runsRoot();
        if (args.isEmpty()) {
            Map<String, String> tags = Tags.readForEdit(root);
            if (tags.isEmpty()) {
                repl.out().println("no tags yet (tag RUN NAME names a run)");
            }
            tags.forEach((t, f) -> repl.out().printf("  %-16s %s%n", t, f));
            return;
        }
        if (args.size() != 2) {
            throw new IllegalArgumentException("usage: tag RUN NAME (names a run; tag alone lists the tags)");
        }
        Path folder = RunFolders.resolve(repl.session(), args.get(0));
        String name = args.get(1);
        if (!folder.toAbsolutePath().normalize().getParent().equals(root.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("only run folders under " + root + " can be tagged; " + folder
                    + " is elsewhere");
        }
        Tags.checkName(name, RunFolders.list(root).stream().map(p -> p.getFileName().toString()).toList());
        Map<String, String> tags = Tags.readForEdit(root);
        String before = tags.put(name, folder.getFileName().toString());
        Tags.write(root, tags);
        if (before != null && !before.equals(folder.getFileName().toString())) {
            repl.out().println("tag " + name + " moved from " + before + " to " + folder.getFileName());
        } else {
            repl.out().println("tagged " + folder.getFileName() + " as " + name);
        }
    }

    static void untag(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: untag NAME... (tag lists the tags)");
        }
        Path root = repl.session().runsRoot();
        Map<String, String> tags = Tags.readForEdit(root);
        for (String name : args) {
            if (!tags.containsKey(name)) {
                throw new IllegalArgumentException("no tag '" + Echo.of(name) + "'" + Suggest.didYouMean(name,
                        tags.keySet()) + (tags.isEmpty() ? " (there are no tags)" : " (tags: "
                        + String.join(", ", tags.keySet()) + ")"));
            }
        }
        args.forEach(tags::remove);
        Tags.write(root, tags);
        repl.out().println("removed tag" + (args.size() == 1 ? " " : "s ") + String.join(", ", args));
    }

    // ---- rm ------------------------------------------------------------------------------------------------------

    static void rm(Repl repl, List<String> args, String rest) {
        boolean yes = args.contains("--yes") || args.contains("-y");
        List<String> ids = args.stream().filter(a -> !a.equals("--yes") && !a.equals("-y")).toList();
        for (String a : ids) {
            if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: rm RUN... [--yes])");
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("usage: rm RUN... [--yes] (deletes run folders; asks first)");
        }
        Path root = repl.session().runsRoot();
        List<Path> folders = new ArrayList<>();
        for (String id : ids) {
            Path f = RunFolders.resolve(repl.session(), id);
            if (!folders.contains(f)) {
                folders.add(f);
            }
        }
        for (Path f : folders) {
            if (moecl.workbench.sweep.SweepStore.busy(f)) {
                throw new IllegalArgumentException(f.getFileName() + " is being written by a running sweep; stop it "
                        + "first (nothing was deleted)");
            }
        }
        String what = folders.size() == 1 ? folders.get(0).toString() : folders.size() + " run folders ("
                + String.join(", ", folders.stream().map(p -> p.getFileName().toString()).toList()) + ")";
        if (!yes) {
            if (!repl.interactiveSession()) {
                repl.error("rm deletes " + what + " only when confirmed: in batch mode (-c or piped commands) add "
                        + "--yes (rm " + String.join(" ", ids) + " --yes); nothing was deleted");
                throw new Repl.CommandFailed(Repl.FAILED);
            }
            if (!repl.confirm("delete " + what + " and everything in it?")) {
                repl.out().println("nothing deleted");
                return;
            }
        }
        Map<String, String> tags = Tags.readForEdit(root);
        for (Path f : folders) {
            delete(f);
            tags.values().removeIf(v -> v.equals(f.getFileName().toString()));
            repl.out().println("deleted " + f);
        }
        if (root != null && Files.isDirectory(root)) {
            Tags.write(root, tags);
        }
    }

    /** Deletes a folder: first renamed out of sight (a half-deleted folder is never listed), then its files. */
    static void delete(Path folder) {
        Path target = folder;
        try {
            Path hidden = folder.resolveSibling("." + folder.getFileName() + ".deleting-" + System.nanoTime());
            try {
                Files.move(folder, hidden, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                target = hidden;
            } catch (IOException e) {
                // delete in place
            }
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + target + ": " + e.getMessage(), e);
        }
    }
}
