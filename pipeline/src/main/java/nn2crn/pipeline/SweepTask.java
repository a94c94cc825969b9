package nn2crn.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnSize;
import nn2crn.datasets.DataLocation;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Split;
import nn2crn.dna.DnaCost;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaTranslation;
import nn2crn.io.AtomicFiles;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import nn2crn.simulate.RateSpec;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import nn2crn.train.Trainer;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One point of a sweep with one seed, as a self-contained job (plain strings, so Spark can ship it
 * to any executor that sees the same output and data folders): train the point's config (or reuse a
 * finished training), compile its rate-independent CRN (the reduced one when the config compiles
 * it), check the CRN against the network by simulating the examples of the simulate split, and cost
 * it as a CRN and as a DNA design. The row goes to {@code result.json} in the task's folder; a task
 * whose folder holds one for the same config is not run again.
 *
 * @param configYaml the point's full config (its seed included)
 * @param dataDir    the data folder the executors read
 */
public record SweepTask(String pointId, String overrides, long seed, String configYaml, String outDir, String dataDir,
                        int simulateLimit) implements Serializable {

    public static final String RESULT_FILE = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a task found.
     *
     * @param selectAccuracy     the network on the config's select split (what picks a point's network)
     * @param evaluationAccuracy the network on the simulate split (what is reported)
     * @param agreement          the CRN's argmax equals the network's, over the simulated examples
     */
    public record Row(String point, String overrides, long seed, String configSha256, String architecture,
                      String selectSplit, double selectAccuracy, String evaluationSplit, double evaluationAccuracy,
                      String crn, int simulated, Double agreement, int species, int reactions, int totalProducts,
                      int maxFanOut, int dnaStrands, long dnaNucleotides, int dnaFuels, int prunedUnits,
                      double seconds) implements Serializable {
    }

    public Path folder() {
        return Path.of(outDir).resolve("points").resolve(pointId).resolve("seed-" + seed);
    }

    /** The finished row, if this task has run for the same config. */
    public Row finished() {
        Path result = folder().resolve(RESULT_FILE);
        if (!Files.exists(result)) {
            return null;
        }
        try {
            Row row = JSON.readValue(result.toFile(), Row.class);
            return row.configSha256().equals(Trainer.configHash(config())) ? row : null;
        } catch (IOException e) {
            return null; // unreadable: run it again
        }
    }

    private TrainConfig config() {
        return ConfigLoader.parse(configYaml, "sweep point " + pointId + " seed " + seed);
    }

    public Row run() {
        Row done = finished();
        if (done != null) {
            return done;
        }
        long start = System.nanoTime();
        TrainConfig config = config();
        DataStore store = new DataStore(DataLocation.resolve(dataDir == null ? null : Path.of(dataDir)), false,
                line -> { });
        Dataset dataset = config.loadDataset(store);
        Path trainDir = folder().resolve("train");
        if (!Trainer.isFinished(trainDir, config)) {
            new Trainer(line -> { }).train(config, dataset, trainDir, Files.exists(trainDir.resolve(Trainer.CHECKPOINT_FILE)));
        }
        Network network = NetworkJson.read(trainDir.resolve(Trainer.NETWORK_FILE));
        Map<String, Double> accuracy = Trainer.accuracy(trainDir);
        String evaluation = config.simulate().split() != null ? config.simulate().split()
                : dataset.splits().containsKey("test") ? "test" : "all";
        boolean reduced = config.compile().rateIndependentVariants().contains(true);
        Crn crn = CrnCompiler.compile(network, new CompileOptions(Scheme.RATE_INDEPENDENT, reduced,
                config.compile().shiftInputs(), null, null));
        Split split = dataset.split(evaluation);
        if (simulateLimit > 0 && split.size() > simulateLimit) {
            split = split.select(evaluation, IntStream.range(0, simulateLimit).toArray());
        }
        TrainConfig.SimulateSection sim = config.simulate();
        Evaluation.Settings settings = new Evaluation.Settings(sim.tMax(), 1, RunPipeline.solverSettings(sim),
                RateSpec.UNIFORM, Set.of());
        List<Evaluation.Example> examples = Examples.fromSplit(network, crn, split, 0);
        Evaluation.Outcome outcome = Evaluation.run(crn, examples, settings, folder().resolve("simulate"),
                Evaluation.Resume.IF_SAME, (d, t, s) -> { });
        Map<String, Object> summary = Evaluation.summarize(outcome, settings);
        DnaCost dna = DnaTranslation.translate(crn, DnaTranslation.DEFAULT_SCHEME, DnaOptions.DEFAULT).cost();
        CrnSize size = CrnSize.of(crn);
        Object pruned = readSummary(trainDir).get("pruned_units");
        int prunedUnits = pruned instanceof List<?> l ? l.stream().mapToInt(v -> ((Number) v).intValue()).sum() : 0;
        Row row = new Row(pointId, overrides, seed, Trainer.configHash(config), Trainer.architecture(network),
                config.dataset().selectSplit(), accuracy.get(config.dataset().selectSplit()), evaluation,
                accuracy.get(evaluation), reduced ? "reduced" : "plain", outcome.rows().size(),
                (Double) summary.get("agreement"), size.species(), size.reactions(), size.totalProducts(), size.maxFanOut(),
                dna.strands(), dna.nucleotides(), dna.fuels(), prunedUnits, (System.nanoTime() - start) / 1e9);
        try {
            AtomicFiles.writeString(folder().resolve(RESULT_FILE), JSON.writeValueAsString(row) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row;
    }

    private static Map<?, ?> readSummary(Path trainDir) {
        try {
            return JSON.readValue(trainDir.resolve(Trainer.SUMMARY_FILE).toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trainDir.resolve(Trainer.SUMMARY_FILE), e);
        }
    }
}
