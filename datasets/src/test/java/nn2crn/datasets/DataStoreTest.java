package nn2crn.datasets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Download, checksum and atomic placement, against a server on the loopback interface. */
class DataStoreTest {

    private static final byte[] CONTENT = "1,2,3\n".getBytes(StandardCharsets.US_ASCII);
    private static final String CONTENT_SHA256 = sha256(CONTENT);

    @TempDir
    Path dataDir;

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpServer server;
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/good.csv");
            byte[] body = known ? CONTENT : new byte[0];
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name);
    }

    private DataStore store(boolean download) {
        return new DataStore(new DataLocation(dataDir, "test"), download, messages::add);
    }

    @Test
    void downloadsVerifiesAndPlacesMissingFile() throws IOException {
        DataFile file = new DataFile("virus", "good.csv", CONTENT_SHA256, List.of(url("missing.csv"), url("good.csv")));
        Path path = store(true).require(file);
        assertEquals(dataDir.resolve("virus/good.csv"), path);
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
        assertEquals(2, messages.size(), "one progress line per source tried");
        assertNoTempFiles();
    }

    @Test
    void downloadWithWrongChecksumLeavesNothingBehind() throws IOException {
        DataFile file = new DataFile("virus", "good.csv", "0".repeat(64), List.of(url("good.csv")));
        DataException e = assertThrows(DataException.class, () -> store(true).require(file));
        assertTrue(e.getMessage().contains("missing data file good.csv") && e.getMessage().contains("SHA-256"),
                e.getMessage());
        assertFalse(Files.exists(dataDir.resolve("virus/good.csv")));
        assertNoTempFiles();
    }

    @Test
    void offlineErrorNamesFileFolderAndRemedy() {
        DataFile file = new DataFile("mnist", "x.gz", CONTENT_SHA256, List.of(URI.create("http://127.0.0.1:1/x.gz")));
        DataException e = assertThrows(DataException.class, () -> store(true).require(file));
        String m = e.getMessage();
        assertTrue(m.contains("x.gz") && m.contains(dataDir.resolve("mnist").toString())
                && m.contains("NN2CRN_DATA") && m.contains("--data-dir"), m);
    }

    @Test
    void localFileWithWrongChecksumIsRejectedAndReportedByCheck() throws IOException {
        Files.createDirectories(dataDir.resolve("virus"));
        Files.writeString(dataDir.resolve("virus/good.csv"), "1,2,4\n");
        DataFile file = new DataFile("virus", "good.csv", CONTENT_SHA256, List.of());
        DataException e = assertThrows(DataException.class, () -> store(false).require(file));
        assertTrue(e.getMessage().contains("expected " + CONTENT_SHA256), e.getMessage());
        DataFile absent = new DataFile("virus", "absent.csv", CONTENT_SHA256, List.of());
        List<DataStore.FileCheck> checks = store(false).check(List.of(file, absent));
        assertEquals(DataStore.FileStatus.CHECKSUM_MISMATCH, checks.get(0).status());
        assertEquals(DataStore.FileStatus.MISSING, checks.get(1).status());
    }

    private void assertNoTempFiles() throws IOException {
        if (Files.exists(dataDir.resolve("virus"))) {
            try (Stream<Path> files = Files.list(dataDir.resolve("virus"))) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
        }
    }
}
