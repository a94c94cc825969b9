package nn2crn.train;

import nn2crn.io.AtomicFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A training run's checkpoint: one zip with the DL4J model and its updater state
 * ({@value Trainer#MODEL_ENTRY}), the training state ({@value Trainer#STATE_ENTRY}) and the best
 * network so far ({@value Trainer#BEST_ENTRY}, absent before the first epoch). Written to a
 * temporary file and renamed over the old one, so it is always one consistent epoch.
 *
 * @param model null when only the state was read
 */
record Checkpoint(TrainingState state, MultiLayerNetwork model, String bestNetwork) {

    static void write(Path file, MultiLayerNetwork model, TrainingState state, String bestNetwork) {
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(model, modelBytes, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the model: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            entry(zip, Trainer.MODEL_ENTRY, modelBytes.toByteArray());
            entry(zip, Trainer.STATE_ENTRY, Trainer.toJson(state).getBytes(StandardCharsets.UTF_8));
            if (bestNetwork != null) {
                entry(zip, Trainer.BEST_ENTRY, bestNetwork.getBytes(StandardCharsets.UTF_8));
            }
            zip.finish();
        });
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** The whole checkpoint, model included. */
    static Checkpoint read(Path file) {
        return read(file, true);
    }

    /** The training state alone (cheap: the model is not restored). */
    static TrainingState state(Path file) {
        return read(file, false).state();
    }

    private static Checkpoint read(Path file, boolean withModel) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            TrainingState state = Trainer.JSON.readValue(bytes(zip, file, Trainer.STATE_ENTRY), TrainingState.class);
            MultiLayerNetwork model = null;
            if (withModel) {
                try (InputStream in = new ByteArrayInputStream(bytes(zip, file, Trainer.MODEL_ENTRY))) {
                    model = ModelSerializer.restoreMultiLayerNetwork(in, true);
                }
            }
            String best = zip.getEntry(Trainer.BEST_ENTRY) == null ? null
                    : new String(bytes(zip, file, Trainer.BEST_ENTRY), StandardCharsets.UTF_8);
            return new Checkpoint(state, model, best);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage()
                    + " (remove the run folder to start over)", e);
        }
    }

    private static byte[] bytes(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("no entry " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
