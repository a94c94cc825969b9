package nn2crn.cli;

import nn2crn.pipeline.Reproduction;


import nn2crn.train.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nn2crn reproduce}: the paper's table, from scratch, with the paper's figures and seed statistics beside ours. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        header = "Reproduce the paper's tables: several seeds per config, the best on the select split.",
        description = {"Run the paper's configurations with several seeds (train all, compile and simulate the one best on",
                "the select split) and write DIR/table.md and DIR/table.csv with the published figures and the seed",
                "statistics beside ours; each config's report is in DIR/<config>/."})
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "WHAT", description = "iris, virus, mnist or all (all adds mnist-large).")
    String what;

    @Option(names = "--quick", description = "Simulate a fixed seeded sample of " + Reproduction.QUICK_SAMPLE
            + " MNIST test images instead of all 10,000 (the table says so).")
    boolean quick;

    private int seeds = Reproduction.DEFAULT_SEEDS;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
            description = "Seeds trained per config (1..N). Default: ${DEFAULT-VALUE}.")
    void setSeeds(int value) {
        seeds = OptionChecks.atLeast(spec, "--seeds", value, 1);
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/reproduce).")
    Path out;

    @Option(names = "--configs", paramLabel = "DIR", description = "Folder of the shipped configs (default: configs/ "
            + "here, else beside the nn2crn installation).")
    Path configsDir;

    @Mixin
    SparkOptions spark;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        try {
            Reproduction.configNames(what); // refuse an unknown WHAT before any work
        } catch (RuntimeException e) {
            throw OptionChecks.error(spec, "WHAT: '" + what + "' is not one of iris, virus, mnist, all");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("runs", "reproduce");
        ConsoleLog log = new ConsoleLog(stdout, spec.commandLine().getErr());
        Reproduction.Result result;
        try (nn2crn.pipeline.SparkSimulation onSpark = spark.simulation(log)) {
            result = new Reproduction(log, threads.count(), SparkOptions.engine(onSpark))
                    .run(what, quick, configsFolder(), dir, data.store(), seeds);
        }
        stdout.println();
        stdout.print(Table.render(result.header(), result.rows()));
        stdout.printf(Locale.ROOT, "wrote %s and %s (%.1f s)%n", dir.resolve(Reproduction.TABLE), Reproduction.TABLE_CSV,
                result.seconds());
        stdout.flush();
        return 0;
    }

    private Path configsFolder() {
        if (configsDir != null) {
            return configsDir;
        }
        Path here = Path.of("configs");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            // the jar is <root>/cli/target/nn2crn-cli.jar
            Path jar = Path.of(ReproduceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent().getParent().getParent().resolve("configs");
            if (Files.isDirectory(beside)) {
                return beside;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the error below
        }
        throw new ConfigException("no configs/ folder here or beside the installation: give --configs DIR");
    }
}
