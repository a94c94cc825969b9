package nn2crn.datasets;

import nn2crn.io.AtomicFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a preprocessed split as CSV (a header of the feature names and {@code label}, then one row
 * per example: the features as the network sees them and the class index), so other tools (the
 * PyTorch peer of the training benchmark, say) train on exactly nn2crn's data.
 */
public final class SplitCsv {

    private SplitCsv() {
    }

    public static void write(Dataset dataset, Split split, Path file) {
        StringBuilder sb = new StringBuilder();
        List<String> names = dataset.featureNames();
        for (String name : names) {
            sb.append(quoted(name)).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < split.size(); i++) {
            for (double v : split.features()[i]) {
                sb.append(v).append(',');
            }
            sb.append(split.labels()[i]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String quoted(String name) {
        return name.contains(",") || name.contains("\"") ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
