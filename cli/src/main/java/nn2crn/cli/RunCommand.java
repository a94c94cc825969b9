package nn2crn.cli;

import nn2crn.pipeline.RunPipeline;
import nn2crn.pipeline.RunReport;

import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nn2crn run CONFIG}: the whole pipeline for one config. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run one config end to end: train, compile, simulate, DNA, report.",
        description = {"Train (or reuse a finished training of the same config), compile with the config's schemes,",
                "simulate every CRN, and write report.md and report.json. Re-running continues where it stopped."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "CONFIG", description = "Experiment config, e.g. configs/iris.yaml.")
    Path configFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<config name>).")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Mixin
    SparkOptions spark;

    @Option(names = "--seed", paramLabel = "N", description = "Train with this seed instead of the config's (what "
            + "a reproduce report's 'How this was made' gives).")
    Long seed;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        TrainConfig config = ConfigLoader.load(configFile);
        if (seed != null) {
            config = config.withSeed(seed);
        }
        Path runDir = out != null ? out : Path.of("runs", config.name());
        ConsoleLog log = new ConsoleLog(stdout, spec.commandLine().getErr());
        RunPipeline.Result result;
        try (nn2crn.pipeline.SparkSimulation onSpark = spark.simulation(log)) {
            result = new RunPipeline(log, threads.count(), SparkOptions.engine(onSpark))
                    .run(config, configFile.toString(), runDir, data.store(), 0);
        }
        stdout.println();
        stdout.print(Table.render(RunReport.TABLE_HEADER, result.rows().stream().map(RunReport::tableRow).toList()));
        stdout.flush();
        return 0;
    }

}
