package nn2crn.cli;

import nn2crn.crn.CrnFiles;
import nn2crn.datasets.CsvSpec;
import nn2crn.datasets.DataCatalog;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.datasets.Split;
import nn2crn.datasets.SplitCsv;
import nn2crn.simulate.Examples;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn data}: inspect and verify the datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect and verify the datasets (iris, mnist, virus, and your own CSV datasets).",
        subcommands = {DataCommand.Info.class, DataCommand.Export.class, DataCommand.Check.class})
final class DataCommand {

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print examples, features and class counts per split, and the data folder used.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "DATASET", description = "iris, mnist, virus, or csv (with --config).")
        String name;

        @Option(names = "--config", paramLabel = "CONFIG",
                description = "A config whose dataset to load (a csv dataset is described only by its config).")
        Path config;

        @Option(names = "--variant", paramLabel = "VARIANT",
                description = "Preprocessing variant (iris, virus: standardized | raw; "
                        + "mnist: 14x14-centered | 14x14 | 28x28-centered | 28x28). Default: the paper's.")
        String variant;

        @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42",
                description = "Seed of the stratified train/test split of iris (default: ${DEFAULT-VALUE}).")
        long splitSeed;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataStore store = data.store();
            Dataset dataset = load(spec, name, config, variant, splitSeed, store);
            out.printf("dataset %s, variant %s: %d features, %d classes (%s)%n", dataset.name(), dataset.variant(),
                    dataset.featureCount(), dataset.classCount(), String.join(", ", dataset.classNames()));
            out.println(where(dataset, store));
            if (dataset.name().equals("csv") || dataset.featureCount() <= 20) {
                out.println("feature columns used: " + String.join(", ", dataset.featureNames()));
            }
            if (dataset.preprocessing().get("columns_left_out") instanceof Map<?, ?> leftOut) {
                leftOut.forEach((column, why) -> out.println("column '" + column + "' " + why));
            }
            if (dataset.preprocessing().get("rows_dropped_for_missing_values") instanceof Number dropped) {
                out.println(dropped + " row(s) with a missing value left out (dataset.missing: drop)");
            }
            out.println();
            out.print(Table.render(header(dataset), rows(dataset)));
            out.flush();
            return 0;
        }

        /** The named dataset, or the one a config describes (the only way to a csv dataset). */
        static Dataset load(CommandSpec spec, String name, Path config, String variant, long splitSeed, DataStore store) {
            if (config != null) {
                TrainConfig loaded = ConfigLoader.load(config);
                if (!loaded.dataset().name().equals(name)) {
                    throw new ParameterException(spec.commandLine(), "--config " + config + " describes dataset '"
                            + loaded.dataset().name() + "', not '" + name + "'");
                }
                return loaded.loadDataset(store);
            }
            if (CsvSpec.NAME.equals(name)) {
                throw new ParameterException(spec.commandLine(), "a csv dataset needs --config CONFIG (its file, label "
                        + "and split are in the config's dataset section)");
            }
            return Datasets.load(name, variant, store, splitSeed);
        }

        private static String where(Dataset dataset, DataStore store) {
            if (dataset.name().equals("iris")) {
                return "data: built in (iris.dat ships with nn2crn)";
            }
            if (dataset.preprocessing().get("source") instanceof Map<?, ?> source) {
                return "data file: " + source.get("path");
            }
            return "data folder: " + store.location();
        }

        private static List<String> header(Dataset dataset) {
            List<String> header = new ArrayList<>(List.of("split", "examples", "features"));
            header.addAll(dataset.classNames());
            return header;
        }

        private static List<List<String>> rows(Dataset dataset) {
            List<List<String>> rows = new ArrayList<>();
            for (Split split : dataset.splits().values()) {
                List<String> row = new ArrayList<>(List.of(split.name(),
                        Integer.toString(split.size()), Integer.toString(split.featureCount())));
                for (int count : split.classCounts(dataset.classCount())) {
                    row.add(Integer.toString(count));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write one preprocessed split as CSV: the features as the network sees them, then the class index.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "DATASET", description = "iris, mnist, virus, or csv (with --config).")
        String name;

        @Option(names = "--config", paramLabel = "CONFIG", description = "A config whose dataset to export.")
        Path config;

        @Option(names = "--variant", paramLabel = "VARIANT", description = "Preprocessing variant (default: the paper's).")
        String variant;

        @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42",
                description = "Seed of the stratified train/test split of iris (default: ${DEFAULT-VALUE}).")
        long splitSeed;

        @Option(names = "--split", paramLabel = "SPLIT", required = true, description = "The split to write.")
        String split;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The CSV file to write.")
        Path out;

        @Option(names = "--crn", paramLabel = "DIR",
                description = "Write the examples as this CRN's initial concentrations instead (an inputs table for "
                        + "'simulate --inputs', or for another simulator).")
        Path crn;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "With --crn: only the first N examples (default: all).")
        int limit;

        @Override
        public Integer call() {
            Dataset dataset = Info.load(spec, name, config, variant, splitSeed, data.store());
            Split rows = dataset.split(split);
            if (crn != null) {
                Examples.writeTable(CrnFiles.read(crn), rows, limit, out);
                spec.commandLine().getOut().printf("wrote %s: initial concentrations of %d examples (%s %s, split %s)%n",
                        out, limit > 0 ? Math.min(limit, rows.size()) : rows.size(), dataset.name(), dataset.variant(), split);
                return 0;
            }
            SplitCsv.write(dataset, rows, out);
            spec.commandLine().getOut().printf("wrote %s: %d examples, %d features (%s %s, split %s)%n", out, rows.size(),
                    rows.featureCount(), dataset.name(), dataset.variant(), split);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify every local dataset file against its published SHA-256 (downloads nothing). "
                    + "Exits 1 if any file is corrupt.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Mixin
        DataOptions data;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataStore store = data.store();
            out.println("data folder: " + store.location());
            List<DataStore.FileCheck> checks = store.check(DataCatalog.all());
            List<List<String>> rows = checks.stream().map(c -> List.of(c.file().relativePath(), switch (c.status()) {
                case OK -> "ok";
                case MISSING -> "missing (downloaded on first use)";
                case CHECKSUM_MISMATCH -> "CORRUPT: sha256 " + c.actualSha256();
            })).toList();
            out.print(Table.render(List.of("file", "status"), rows));
            long corrupt = checks.stream().filter(c -> c.status() == DataStore.FileStatus.CHECKSUM_MISMATCH).count();
            long ok = checks.stream().filter(c -> c.status() == DataStore.FileStatus.OK).count();
            out.printf("%d ok, %d missing, %d corrupt%n", ok, checks.size() - ok - corrupt, corrupt);
            out.flush();
            return corrupt == 0 ? 0 : 1;
        }
    }
}
