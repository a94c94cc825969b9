package nn2crn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the target's folder, which is then renamed over the target.
 */
public final class AtomicFiles {

    /** Writes the content produced by {@code writer}. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a set of files into the folder it is given. */
    @FunctionalInterface
    public interface FolderWriter {
        void writeInto(Path folder) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes several files that belong together (a command's outputs): {@code writer} fills a
     * temporary folder beside {@code dir}, and only when it has written everything are the files
     * renamed into {@code dir} (replacing files of the same names). If it fails, the temporary
     * folder is removed and {@code dir} is left as it was: no half-written output.
     */
    public static void writeFolder(Path dir, FolderWriter writer) {
        Path absolute = dir.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
            writer.writeInto(temp);
            Files.createDirectories(absolute);
            List<Path> files;
            try (var listing = Files.list(temp)) {
                files = listing.sorted().toList();
            }
            // every target is checked before the first rename, so a clash changes nothing
            for (Path file : files) {
                Path target = absolute.resolve(file.getFileName().toString());
                if (Files.isDirectory(file) || Files.isDirectory(target)) {
                    throw new IOException(target + " is a folder");
                }
            }
            for (Path file : files) {
                makeReadable(file);
                move(file, absolute.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(temp);
        }
    }

    /**
     * Removes a folder and everything in it (nothing when it is not there); a file that cannot be
     * removed is an error, as what is left would pass for current output.
     */
    public static void deleteFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException ignored) {
            // a leftover temporary folder is hidden (its name starts with '.') and harmless
        }
    }

    public static void write(Path target, StreamWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.writeTo(out);
            }
            makeReadable(temp);
            move(temp, absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Temp files are created owner-only; the result should have the usual rw-r--r-- of a written file. */
    private static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Renames {@code source} to {@code target} in one step where the file system allows it. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temp file is harmless and is overwritten by name next time
            }
        }
    }
}
