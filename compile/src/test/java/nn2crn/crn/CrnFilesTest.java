package nn2crn.crn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A compile folder is read as written, and an edit of its CRN after compiling is noticed. */
class CrnFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCrnEditedAfterCompilingIsRefusedNamingBothFiles() throws Exception {
        Crn crn = CrnText.parse("x @initial 1\nx -> y + z\ny -> w\n", "t.crn", "t");
        Path folder = dir.resolve("crn");
        CrnFiles.write(crn, List.of("test"), null, folder);
        assertEquals(2, CrnFiles.read(folder).reactions().size());
        assertTrue(Files.readString(folder.resolve(CrnFiles.MANIFEST_FILE)).contains(CrnManifest.CRN_CHECKSUM));

        Path file = folder.resolve(CrnFiles.CRN_FILE);
        Files.writeString(file, Files.readString(file).replace("y -> w\n", ""));
        String message = assertThrows(CrnException.class, () -> CrnFiles.read(folder)).getMessage();
        assertTrue(message.startsWith(file + ": changed since " + folder.resolve(CrnFiles.MANIFEST_FILE)), message);

        // a .crn file on its own has no manifest to disagree with
        assertEquals(1, CrnFiles.read(file).reactions().size());
    }
}
