package nn2crn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderIsWrittenWhollyOrNotAtAll() throws Exception {
        Path out = dir.resolve("out");
        AtomicFiles.writeFolder(out, temp -> {
            Files.writeString(temp.resolve("a.txt"), "new a");
            Files.writeString(temp.resolve("b.txt"), "new b");
        });
        assertEquals(List.of("a.txt", "b.txt"), listing(out));

        // a failure after the first file leaves the old files: no new a.txt beside an old b.txt
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeFolder(out, temp -> {
            Files.writeString(temp.resolve("a.txt"), "newer a");
            throw new IOException("disk full");
        }));
        assertEquals("new a", Files.readString(out.resolve("a.txt")));
        assertEquals(List.of("out"), listing(dir), "no temporary folder is left");

        // a folder in the way of one output is found before anything is renamed
        Files.createDirectories(out.resolve("b.txt.d"));
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("b.txt"));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeFolder(blocked, temp -> {
            Files.writeString(temp.resolve("a.txt"), "a");
            Files.writeString(temp.resolve("b.txt"), "b");
        }));
        assertFalse(Files.exists(blocked.resolve("a.txt")));
    }
}
