package nn2crn.datasets;

import nn2crn.io.AtomicFiles;
import nn2crn.io.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data folder: finds dataset files, downloads missing ones from their public origin,
 * and verifies every file's SHA-256 before it is used.
 * A download goes to a temporary file beside the target and is renamed only once its checksum
 * matches, so the folder never holds a half-written file.
 */
public final class DataStore {

    /** The outcome of checking one local file. */
    public enum FileStatus { OK, MISSING, CHECKSUM_MISMATCH }

    public record FileCheck(DataFile file, Path path, FileStatus status, String actualSha256) {
    }

    private final DataLocation location;
    private final boolean downloadAllowed;
    private final Consumer<String> progress;

    public DataStore(DataLocation location, boolean downloadAllowed, Consumer<String> progress) {
        this.location = location;
        this.downloadAllowed = downloadAllowed;
        this.progress = progress;
    }

    /** A store over the resolved folder that downloads missing files and reports on stderr. */
    public static DataStore open(Path dataDirOption) {
        return new DataStore(DataLocation.resolve(dataDirOption), true, System.err::println);
    }

    public DataLocation location() {
        return location;
    }

    public Path pathOf(DataFile file) {
        return location.dir().resolve(file.folder()).resolve(file.fileName());
    }

    /** The verified local copy of the file, downloading it first if it is missing. */
    public Path require(DataFile file) {
        Path path = pathOf(file);
        if (!Files.exists(path)) {
            if (!downloadAllowed) {
                throw missing(file, path, "downloads are disabled");
            }
            download(file, path);
        }
        String actual = sha256(path);
        if (!actual.equals(file.sha256())) {
            throw new DataException(path + ": SHA-256 is " + actual + ", expected " + file.sha256()
                    + "; the file is corrupt or not the published one: delete it to download it again");
        }
        return path;
    }

    /** Checks every local file of the catalog without downloading anything. */
    public List<FileCheck> check(List<DataFile> files) {
        List<FileCheck> checks = new ArrayList<>();
        for (DataFile file : files) {
            Path path = pathOf(file);
            if (!Files.exists(path)) {
                checks.add(new FileCheck(file, path, FileStatus.MISSING, null));
            } else {
                String actual = sha256(path);
                FileStatus status = actual.equals(file.sha256()) ? FileStatus.OK : FileStatus.CHECKSUM_MISMATCH;
                checks.add(new FileCheck(file, path, status, actual));
            }
        }
        return checks;
    }

    private void download(DataFile file, Path target) {
        List<String> failures = new ArrayList<>();
        for (URI source : file.sources()) {
            try {
                Files.createDirectories(target.getParent());
                progress.accept("downloading " + source + " -> " + target);
                fetchVerified(source, target, file.sha256());
                return;
            } catch (IOException | DataException e) {
                failures.add(source + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataException("download of " + file.relativePath() + " interrupted");
            }
        }
        throw missing(file, target, "download failed (" + String.join("; ", failures) + ")");
    }

    private static void fetchVerified(URI source, Path target, String expectedSha256)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = new DigestInputStream(response.body(), digest);
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(expectedSha256)) {
                throw new DataException("downloaded file has SHA-256 " + actual + ", expected " + expectedSha256);
            }
            AtomicFiles.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private DataException missing(DataFile file, Path path, String why) {
        return new DataException("missing data file " + file.fileName() + " in " + path.getParent()
                + " (" + why + "); copy it there, or point --data-dir or " + DataLocation.ENV_VAR
                + " at a folder holding " + file.relativePath());
    }

    public static String sha256(Path path) {
        try {
            return Sha256.of(path);
        } catch (UncheckedIOException e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
