package nn2crn.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads gzip-compressed IDX files (the MNIST format: big-endian header, then unsigned bytes).
 * The header is checked against the data that follows, so a truncated or padded file is rejected
 * rather than half-loaded.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** Pixel bytes of an image file: {@code count} images of {@code rows x cols}, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixel(int image, int row, int col) {
            return pixels[(image * rows + row) * cols + col] & 0xff;
        }
    }

    private IdxReader() {
    }

    public static Images readImages(Path gz) {
        try (DataInputStream in = open(gz)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataException(gz + ": not an IDX image file (magic number " + magic
                        + ", expected " + IMAGES_MAGIC + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DataException(gz + ": malformed IDX header (count " + count + ", size "
                        + rows + "x" + cols + ")");
            }
            byte[] pixels = readBody(gz, in, (long) count * rows * cols, "image");
            return new Images(count, rows, cols, pixels);
        } catch (EOFException e) {
            throw new DataException(gz + ": truncated IDX header");
        } catch (IOException e) {
            throw new DataException(gz + ": cannot read as gzip IDX (" + e.getMessage() + ")", e);
        }
    }

    public static int[] readLabels(Path gz) {
        try (DataInputStream in = open(gz)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataException(gz + ": not an IDX label file (magic number " + magic
                        + ", expected " + LABELS_MAGIC + ")");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new DataException(gz + ": malformed IDX header (count " + count + ")");
            }
            byte[] raw = readBody(gz, in, count, "label");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new DataException(gz + ": truncated IDX header");
        } catch (IOException e) {
            throw new DataException(gz + ": cannot read as gzip IDX (" + e.getMessage() + ")", e);
        }
    }

    private static DataInputStream open(Path gz) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16)));
    }

    private static byte[] readBody(Path gz, InputStream in, long expected, String what) throws IOException {
        if (expected > Integer.MAX_VALUE - 16) {
            throw new DataException(gz + ": IDX header announces " + expected + " " + what + " bytes, too many");
        }
        byte[] body = new byte[(int) expected];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            throw new DataException(gz + ": truncated IDX data: header announces " + expected + " " + what
                    + " bytes, file holds " + read);
        }
        if (in.read() != -1) {
            throw new DataException(gz + ": IDX file has data past the " + expected + " " + what
                    + " bytes its header announces");
        }
        return body;
    }
}
