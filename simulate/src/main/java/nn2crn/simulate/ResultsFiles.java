package nn2crn.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.io.AtomicFiles;
import nn2crn.io.Sha256;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bookkeeping of a results file that is appended as examples finish and resumed later: a
 * record of what its rows were computed from (written beside it), the check that a resumed run
 * has the same, and the sorted rewrite when a run finishes.
 */
final class ResultsFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFiles() {
    }

    /**
     * Digests of what any simulation's rows depend on: the CRN (species, initial concentrations,
     * reactions, outputs, implementation), the rate constants in use, and the examples (start
     * states, labels, expected values).
     */
    static Map<String, Object> digests(Crn crn, double[] rates, List<Evaluation.Example> examples) {
        Map<String, Object> m = new LinkedHashMap<>();
        Crn reactionsOnly = new Crn("crn", crn.species(), crn.reactions(), List.of(), crn.outputs(), Map.of(),
                crn.implementation());
        m.put("crn_sha256", Sha256.of(CrnText.format(reactionsOnly, List.of()) + crn.implementation()));
        MessageDigest rateDigest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(8);
        for (double k : rates) {
            rateDigest.update(buffer.clear().putDouble(k).array());
        }
        m.put("rates_sha256", Sha256.hex(rateDigest));
        m.put("examples", examples.size());
        MessageDigest digest = Sha256.newDigest();
        for (Evaluation.Example e : examples) {
            digest.update(buffer.clear().putLong(e.id()).array());
            digest.update(buffer.clear().putLong(e.label()).array());
            digest.update(buffer.clear().putLong(e.expectedArgmax()).array());
            for (double v : e.start()) {
                digest.update(buffer.clear().putDouble(v).array());
            }
            if (e.expected() != null) {
                for (double v : e.expected()) {
                    digest.update(buffer.clear().putDouble(v).array());
                }
            }
        }
        m.put("examples_sha256", Sha256.hex(digest));
        return m;
    }

    static void writeRecord(Path file, Map<String, Object> record) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(record) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the recorded settings equal these, else which of them differ. */
    static String difference(Path settingsFile, Map<String, Object> record) throws IOException {
        if (!Files.exists(settingsFile)) {
            return "no " + settingsFile.getFileName() + " records them";
        }
        Map<String, Object> recorded;
        try {
            recorded = JSON.readValue(settingsFile.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return settingsFile.getFileName() + " is not readable";
        }
        Map<String, Object> current = JSON.readValue(JSON.writeValueAsString(record),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        List<String> differences = new ArrayList<>();
        current.forEach((key, value) -> {
            if (!Objects.equals(value, recorded.get(key))) {
                differences.add(key.endsWith("_sha256")
                        ? "another " + key.replace("_sha256", "").replace('_', ' ')
                        : key + " " + recorded.get(key) + ", now " + value);
            }
        });
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    /** The finished file, atomically: the header, then the records (already in example order). */
    static void writeSorted(Path file, List<String> header, List<List<String>> records) {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
                printer.printRecord(header);
                for (List<String> r : records) {
                    printer.printRecord(r);
                }
            }
        });
    }

    static UncheckedIOException cannotUse(Path dir, IOException e) {
        return new UncheckedIOException("cannot use " + dir + ": " + e.getMessage(), e);
    }
}
