package nn2crn.cli;

import nn2crn.datasets.Dataset;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import nn2crn.train.Trainer;
import nn2crn.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn train CONFIG}: trains the network a config describes and exports network.json. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a BinaryConnect (binary/ternary) or smoothed-ReLU network from a YAML config.",
                "Writes network.json (binarized weights), summary.json, metrics.csv, training.png and a",
                "resumable checkpoint (checkpoint.zip: model, state and best network) into the run folder."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "CONFIG", description = "Experiment config, e.g. configs/iris.yaml.")
    Path configFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<config name>/train).")
    Path out;

    @Option(names = "--resume", description = "Continue an interrupted run in the run folder from its last checkpoint.")
    boolean resume;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        TrainConfig config = ConfigLoader.load(configFile);
        Path runDir = out != null ? out : Path.of("runs", config.name(), "train");
        Dataset dataset = config.loadDataset(data.store());
        nn2crn.train.ConfigLoader.checkAgainstData(config, dataset, configFile.toString());
        stdout.printf("training %s: %s, %s weights, %s hidden, seed %d -> %s%n", config.name(), dataset.name(),
                config.network().weights(), config.network().activation(), config.seed(), runDir);
        stdout.flush();
        TrainingResult result = new Trainer(line -> {
            if (!GlobalFlags.quiet()) {
                stdout.println(line);
                stdout.flush();
            }
        }).train(config, dataset, runDir, resume);
        printResult(stdout, result);
        return 0;
    }

    static void printResult(PrintWriter out, TrainingResult result) {
        out.printf("%nbinarized network %s, best epoch %d of %d, %.1f s%n", Trainer.architecture(result.network()),
                result.bestEpoch(), result.epochsRun(), result.seconds());
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : result.accuracy().entrySet()) {
            rows.add(List.of(e.getKey(), String.format(Locale.ROOT, "%.2f%%", 100 * e.getValue())));
        }
        out.print(Table.render(List.of("split", "accuracy"), rows));
        out.println("wrote " + result.runDir().resolve(Trainer.NETWORK_FILE));
        out.flush();
    }
}
