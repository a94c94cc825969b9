package nn2crn.datasets;

import java.net.URI;
import java.util.List;

/**
 * A file a dataset is built from: where it lives under the data folder
 * ({@code <data dir>/<folder>/<fileName>}), its SHA-256, and the public places to download it from.
 */
public record DataFile(String folder, String fileName, String sha256, List<URI> sources) {

    public String relativePath() {
        return folder + "/" + fileName;
    }
}
