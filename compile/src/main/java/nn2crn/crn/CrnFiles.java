package nn2crn.crn;

import nn2crn.io.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The compile output folder: {@code network.crn}, {@code network.sbml} and {@code manifest.json}. */
public final class CrnFiles {

    public static final String CRN_FILE = "network.crn";
    public static final String SBML_FILE = "network.sbml";
    public static final String MANIFEST_FILE = "manifest.json";

    private CrnFiles() {
    }

    /**
     * Writes the three files together: all of them are made in a temporary folder first, so a
     * failure leaves {@code dir} as it was.
     */
    public static void write(Crn crn, List<String> headerLines, ConcentrationUnit unit, Path dir) {
        write(crn, headerLines, unit, null, dir);
    }

    /**
     * @param unit          null for {@link ConcentrationUnit#DEFAULT}
     * @param preprocessing the source network's preprocessing record, for the manifest (or null)
     */
    public static void write(Crn crn, List<String> headerLines, ConcentrationUnit unit, Map<String, Object> preprocessing,
                             Path dir) {
        AtomicFiles.writeFolder(dir, temp -> {
            CrnText.write(crn, headerLines, temp.resolve(CRN_FILE));
            SbmlExport.write(crn, unit, temp.resolve(SBML_FILE));
            com.fasterxml.jackson.databind.node.ObjectNode manifest = CrnManifest.toJson(crn, unit, preprocessing);
            CrnManifest.recordChecksum(manifest, temp.resolve(CRN_FILE));
            AtomicFiles.writeString(temp.resolve(MANIFEST_FILE), CrnManifest.toJsonString(manifest));
        });
    }

    /**
     * A compile output folder (its {@code network.crn} with the roles and input/output maps of its
     * {@code manifest.json}), or any {@code .crn} file (no input or output map).
     */
    public static Crn read(Path path) {
        if (Files.isDirectory(path)) {
            Crn reactions = CrnText.read(path.resolve(CRN_FILE));
            Path manifest = path.resolve(MANIFEST_FILE);
            if (!Files.exists(manifest)) {
                return reactions;
            }
            CrnManifest.checkChecksum(manifest, path.resolve(CRN_FILE));
            return CrnManifest.apply(manifest, reactions);
        }
        return CrnText.read(path);
    }
}
