package nn2crn.crn;

import nn2crn.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The compile output folder: {@code network.crn}, {@code network.sbml} and {@code manifest.json}. */
public final class CrnFiles {

    public static final String CRN_FILE = "network.crn";
    public static final String SBML_FILE = "network.sbml";
    public static final String MANIFEST_FILE = "manifest.json";

    private CrnFiles() {
    }

    /** Writes the three files, each atomically. */
    public static void write(Crn crn, List<String> headerLines, ConcentrationUnit unit, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        CrnText.write(crn, headerLines, dir.resolve(CRN_FILE));
        SbmlExport.write(crn, unit, dir.resolve(SBML_FILE));
        AtomicFiles.writeString(dir.resolve(MANIFEST_FILE), CrnManifest.toJsonString(crn, unit));
    }

    /**
     * A compile output folder (its {@code network.crn} with the roles and input/output maps of its
     * {@code manifest.json}), or any {@code .crn} file (no input or output map).
     */
    public static Crn read(Path path) {
        if (Files.isDirectory(path)) {
            Crn reactions = CrnText.read(path.resolve(CRN_FILE));
            Path manifest = path.resolve(MANIFEST_FILE);
            return Files.exists(manifest) ? CrnManifest.apply(manifest, reactions) : reactions;
        }
        return CrnText.read(path);
    }
}
