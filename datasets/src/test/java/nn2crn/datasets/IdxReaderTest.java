package nn2crn.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path gzip(String name, int magic, int[] header, int bodyBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int h : header) {
            out.writeInt(h);
        }
        for (int i = 0; i < bodyBytes; i++) {
            out.writeByte(i % 251);
        }
        Path file = dir.resolve(name);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(bytes.toByteArray());
        }
        return file;
    }

    @Test
    void readsWellFormedImagesAndLabels() throws IOException {
        IdxReader.Images images = IdxReader.readImages(gzip("i.gz", IdxReader.IMAGES_MAGIC, new int[]{2, 3, 4}, 24));
        assertEquals(2, images.count());
        assertEquals(3, images.rows());
        assertEquals(4, images.cols());
        assertEquals(12 + 4 + 1, images.pixel(1, 1, 1));
        int[] labels = IdxReader.readLabels(gzip("l.gz", IdxReader.LABELS_MAGIC, new int[]{5}, 5));
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, labels);
    }

    @Test
    void truncatedBodyIsRejectedWithCounts() throws IOException {
        Path file = gzip("t.gz", IdxReader.IMAGES_MAGIC, new int[]{10, 28, 28}, 7840 - 100);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("truncated IDX data") && e.getMessage().contains("7840")
                && e.getMessage().contains("7740") && e.getMessage().contains("t.gz"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsRejected() throws IOException {
        Path file = gzip("m.gz", IdxReader.LABELS_MAGIC, new int[]{1, 1, 1}, 1);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("not an IDX image file"), e.getMessage());
    }

    @Test
    void trailingDataAndShortHeaderAreRejected() throws IOException {
        Path padded = gzip("p.gz", IdxReader.LABELS_MAGIC, new int[]{3}, 4);
        assertTrue(assertThrows(DataException.class, () -> IdxReader.readLabels(padded))
                .getMessage().contains("past the 3 label bytes"));
        Path shortHeader = gzip("s.gz", IdxReader.IMAGES_MAGIC, new int[]{1}, 0);
        assertTrue(assertThrows(DataException.class, () -> IdxReader.readImages(shortHeader))
                .getMessage().contains("truncated IDX header"));
    }

    @Test
    void nonGzipFileIsRejected() throws IOException {
        Path file = dir.resolve("plain.gz");
        Files.writeString(file, "not gzip at all");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("cannot read as gzip IDX"), e.getMessage());
    }
}
