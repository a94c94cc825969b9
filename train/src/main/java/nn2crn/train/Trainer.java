package nn2crn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Split;
import nn2crn.io.AtomicFiles;
import nn2crn.io.Sha256;
import nn2crn.network.ForwardPass;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import nn2crn.network.Pruning;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a config's network with DL4J, one epoch at a time, keeping the best epoch on the select
 * split. After every epoch it writes a checkpoint: one zip holding the DL4J model with its updater
 * state, the training state and the best network so far, renamed into place in one step, so a
 * kill at any moment leaves either the previous epoch's checkpoint or this one, never a mix. A
 * killed run resumes from it and ends with the same network as an uninterrupted one, because each
 * epoch's shuffle and dropout seeds derive from the config seed and the epoch number alone.
 */
public final class Trainer {

    public static final String NETWORK_FILE = "network.json";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String METRICS_FILE = "metrics.csv";
    public static final String CHART_FILE = "training.png";
    /** The checkpoint: entries {@value #MODEL_ENTRY}, {@value #STATE_ENTRY} and {@value #BEST_ENTRY}. */
    public static final String CHECKPOINT_FILE = "checkpoint.zip";
    static final String MODEL_ENTRY = "model.zip";
    static final String STATE_ENTRY = "state.json";
    static final String BEST_ENTRY = "best-network.json";
    public static final String CONFIG_FILE = "config.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Consumer<String> progress;
    /** Stop after this many epochs in this call (for tests of resume); 0 = no limit. */
    private int epochLimitPerCall;

    public Trainer(Consumer<String> progress) {
        this.progress = progress;
    }

    Trainer stopAfterEpochs(int epochs) {
        this.epochLimitPerCall = epochs;
        return this;
    }

    /** SHA-256 of the validated config (defaults filled in): identifies a run folder's experiment. */
    public static String configHash(TrainConfig config) {
        try {
            // compile and simulate settings do not change the trained network; a CSV file's content does
            String text = JSON.writeValueAsString(config.trainingPart());
            if (config.dataset().csv() != null) {
                text += "\ncsv sha256 " + Sha256.of(config.dataset().csv().path());
            }
            return Sha256.of(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the folder holds a finished run of exactly this config. */
    public static boolean isFinished(Path runDir, TrainConfig config) {
        Path checkpoint = runDir.resolve(CHECKPOINT_FILE);
        if (!Files.exists(runDir.resolve(SUMMARY_FILE)) || !Files.exists(runDir.resolve(NETWORK_FILE))
                || !Files.exists(checkpoint)) {
            return false;
        }
        return Checkpoint.state(checkpoint).configSha256().equals(configHash(config));
    }

    public TrainingResult train(TrainConfig config, Dataset dataset, Path runDir, boolean resume) {
        try {
            return trainOnThisThread(config, dataset, runDir, resume);
        } finally {
            // DL4J keeps a thread's workspaces (sized for the evaluation of a whole split: hundreds of
            // MB for MNIST) until they are destroyed: a pooled thread (reproduce, sweeps) would carry
            // them into its next task
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    private TrainingResult trainOnThisThread(TrainConfig config, Dataset dataset, Path runDir, boolean resume) {
        long started = System.nanoTime();
        String hash = configHash(config);
        Split trainSplit = dataset.split(config.dataset().trainSplit());
        Split selectSplit = dataset.split(config.dataset().selectSplit());
        Path checkpoint = runDir.resolve(CHECKPOINT_FILE);

        MultiLayerNetwork net;
        TrainingState state;
        String bestNetwork = null;
        if (Files.exists(checkpoint)) {
            if (!resume) {
                throw new ConfigException(runDir + " already holds a training run: pass --resume to continue it,"
                        + " or choose another --out folder");
            }
            Checkpoint saved = Checkpoint.read(checkpoint);
            state = saved.state();
            if (!state.configSha256().equals(hash)) {
                throw new ConfigException(runDir + " holds a run of a different config (config_sha256 differs):"
                        + " choose another --out folder");
            }
            net = saved.model();
            bestNetwork = saved.bestNetwork();
            progress.accept("resuming " + config.name() + " after epoch " + state.epochsDone());
        } else {
            net = NetworkFactory.create(config, dataset.featureCount(), dataset.classCount());
            state = new TrainingState(hash, 0, 0, -1, Double.POSITIVE_INFINITY, false, List.of());
            AtomicFiles.writeString(runDir.resolve(CONFIG_FILE), toJson(config));
        }

        INDArray trainX = matrix(trainSplit.features());
        INDArray trainY = targets(trainSplit.labels(), dataset.classCount(), config.crossEntropy());
        INDArray selectX = selectSplit == trainSplit ? trainX : matrix(selectSplit.features());
        List<EpochMetrics> metrics = new ArrayList<>(state.metrics());
        BinaryConnectLoop loop = new BinaryConnectLoop(net, config);
        int epochs = config.training().epochs();
        int epochsThisCall = 0;
        double[][] previousWeights = flatWeights(NetworkExport.export(net, config, dataset));
        while (state.epochsDone() < epochs && !state.stoppedEarly()) {
            if (epochLimitPerCall > 0 && epochsThisCall == epochLimitPerCall) {
                break;
            }
            int epoch = state.epochsDone() + 1;
            long epochStart = System.nanoTime();
            trainOneEpoch(net, loop, config, trainX, trainY, epoch);
            double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
            INDArray trainOutput = net.output(trainX, false);
            double loss = BinaryConnectLoop.meanLoss(trainOutput, trainY, config.crossEntropy());
            Network exported = NetworkExport.export(net, config, dataset);
            double trainAcc = accuracy(trainOutput, trainSplit.labels());
            double selectAcc = selectSplit == trainSplit ? trainAcc
                    : accuracy(net.output(selectX, false), selectSplit.labels());
            double[][] currentWeights = flatWeights(exported);
            List<Double> flips = flipRatios(previousWeights, currentWeights);
            previousWeights = currentWeights;
            double lr = net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W")
                    .getLearningRate(net.getIterationCount(), epoch - 1);
            EpochMetrics row = new EpochMetrics(epoch, loss, trainAcc, selectAcc, lr, flips, trainSeconds,
                    (System.nanoTime() - epochStart) / 1e9);
            metrics.add(row);

            boolean improved = selectAcc > state.bestSelectAccuracy()
                    || (selectAcc == state.bestSelectAccuracy() && loss < state.bestLoss());
            int bestEpoch = improved ? epoch : state.bestEpoch();
            if (improved) {
                bestNetwork = NetworkJson.toJsonString(exported);
            }
            boolean stop = epoch - bestEpoch >= config.training().patience();
            state = new TrainingState(hash, epoch, bestEpoch,
                    improved ? selectAcc : state.bestSelectAccuracy(), improved ? loss : state.bestLoss(),
                    stop, List.copyOf(metrics));
            Checkpoint.write(checkpoint, net, state, bestNetwork);
            String selectPart = selectSplit == trainSplit ? ""
                    : String.format(Locale.ROOT, "  %s %.2f%%", config.dataset().selectSplit(), 100 * selectAcc);
            progress.accept(String.format(Locale.ROOT,
                    "epoch %3d/%d  loss %.4f  %s %.2f%%%s  best %.2f%% @%d  flips %s  %.1fs",
                    epoch, epochs, loss, config.dataset().trainSplit(), 100 * trainAcc, selectPart,
                    100 * state.bestSelectAccuracy(), bestEpoch, formatFlips(flips), row.seconds()));
            if (stop) {
                progress.accept("no improvement on " + config.dataset().selectSplit() + " for "
                        + config.training().patience() + " epochs: stopping early");
            }
            epochsThisCall++;
        }
        if (state.epochsDone() < epochs && !state.stoppedEarly()) {
            return null; // interrupted on purpose (tests); the checkpoint holds the progress
        }
        return finish(config, dataset, runDir, state, bestNetwork, (System.nanoTime() - started) / 1e9);
    }

    private TrainingResult finish(TrainConfig config, Dataset dataset, Path runDir, TrainingState state,
                                  String bestNetwork, double seconds) {
        Network best = NetworkJson.parse(bestNetwork, runDir.resolve(CHECKPOINT_FILE) + "!" + BEST_ENTRY);
        String prune = config.network().prune();
        int[] pruned = new int[best.layers().size() - 1];
        if (prune != null && !prune.equals("none")) {
            Pruning pruning = Pruning.prune(best, "inactive".equals(prune)
                    ? dataset.split(config.dataset().trainSplit()).features() : null);
            best = pruning.network();
            pruned = pruning.removed();
        }
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (Split split : dataset.splits().values()) {
            accuracy.put(split.name(), ForwardPass.accuracy(best, split));
        }
        NetworkJson.write(best, runDir.resolve(NETWORK_FILE));
        TrainingReport.writeMetrics(state.metrics(), runDir.resolve(METRICS_FILE));
        TrainingReport.writeChart(config, state.metrics(), state.bestEpoch(), runDir.resolve(CHART_FILE));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", config.name());
        summary.put("seed", config.seed());
        summary.put("config_sha256", state.configSha256());
        summary.put("dataset", config.dataset().name());
        summary.put("variant", config.dataset().variant());
        summary.put("architecture", architecture(best));
        summary.put("weights", config.network().weights());
        summary.put("activation", config.network().activation());
        summary.put("epochs_run", state.epochsDone());
        summary.put("best_epoch", state.bestEpoch());
        summary.put("select_split", config.dataset().selectSplit());
        summary.put("accuracy", accuracy);
        summary.put("weight_counts", NetworkExport.weightCounts(best));
        summary.put("pruned_units", pruned);
        summary.put("crn_cost", CrnCost.of(best, config.smoothRelu()));
        double trainSeconds = state.metrics().stream().mapToDouble(EpochMetrics::seconds).sum();
        summary.put("training_seconds", trainSeconds);
        summary.put("seconds_per_epoch", trainSeconds / Math.max(1, state.epochsDone()));
        AtomicFiles.writeString(runDir.resolve(SUMMARY_FILE), toJson(summary));
        return new TrainingResult(best, runDir, state.bestEpoch(), state.epochsDone(), accuracy, state.metrics(),
                seconds);
    }

    /** Accuracy per split of a finished training, from its summary. */
    public static Map<String, Double> accuracy(Path runDir) {
        try {
            Map<?, ?> summary = JSON.readValue(runDir.resolve(SUMMARY_FILE).toFile(), Map.class);
            Map<String, Double> accuracy = new LinkedHashMap<>();
            if (summary.get("accuracy") instanceof Map<?, ?> a) {
                a.forEach((k, v) -> accuracy.put(k.toString(), ((Number) v).doubleValue()));
            }
            return accuracy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir.resolve(SUMMARY_FILE) + ": " + e.getMessage(), e);
        }
    }

    public static String architecture(Network network) {
        StringBuilder sb = new StringBuilder(Integer.toString(network.inputs()));
        for (Layer layer : network.layers()) {
            sb.append('-').append(layer.units());
        }
        return sb.toString();
    }

    private static void trainOneEpoch(MultiLayerNetwork net, BinaryConnectLoop loop, TrainConfig config, INDArray x,
                                      INDArray y, int epoch) {
        long seed = config.seed();
        Nd4j.getRandom().setSeed(seed * 1_000_003L + epoch); // dropout masks
        int n = (int) x.rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random shuffle = new Random(seed * 7_919L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int k = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        loop.epoch(x, y, order, config.training().batchSize());
        net.incrementEpochCount();
    }

    /** Accuracy of DL4J's output, which uses the binarized weights (fast, for per-epoch metrics). */
    private static double accuracy(INDArray output, int[] labels) {
        INDArray predicted = output.argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted.getInt(i) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /** Each layer's exported weights as one flat array, for counting flips between epochs. */
    private static double[][] flatWeights(Network network) {
        double[][] flat = new double[network.layers().size()][];
        for (int l = 0; l < flat.length; l++) {
            double[][] w = network.layers().get(l).weights();
            flat[l] = new double[w.length * w[0].length];
            for (int j = 0; j < w.length; j++) {
                System.arraycopy(w[j], 0, flat[l], j * w[0].length, w[0].length);
            }
        }
        return flat;
    }

    private static List<Double> flipRatios(double[][] before, double[][] after) {
        List<Double> ratios = new ArrayList<>();
        for (int l = 0; l < before.length; l++) {
            int changed = 0;
            for (int k = 0; k < before[l].length; k++) {
                if (before[l][k] != after[l][k]) {
                    changed++;
                }
            }
            ratios.add((double) changed / before[l].length);
        }
        return ratios;
    }

    private static String formatFlips(List<Double> flips) {
        return String.join("/", flips.stream().map(f -> String.format(Locale.ROOT, "%.3f", f)).toList());
    }

    static INDArray matrix(double[][] rows) {
        return Nd4j.create(rows).castTo(DataType.FLOAT);
    }

    /** One-hot targets; for the squared hinge loss mapped to -1/+1 as the paper does. */
    static INDArray targets(int[] labels, int classes, boolean oneHot) {
        double[][] t = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < classes; c++) {
                t[i][c] = c == labels[i] ? 1 : (oneHot ? 0 : -1);
            }
        }
        return matrix(t);
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
