package nn2crn.cli;

import nn2crn.datasets.CsvSpec;
import nn2crn.datasets.DataCatalog;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.datasets.Split;
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
        subcommands = {DataCommand.Info.class, DataCommand.Check.class})
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
            Dataset dataset;
            if (config != null) {
                TrainConfig loaded = ConfigLoader.load(config);
                if (!loaded.dataset().name().equals(name)) {
                    throw new ParameterException(spec.commandLine(), "--config " + config + " describes dataset '"
                            + loaded.dataset().name() + "', not '" + name + "'");
                }
                dataset = loaded.loadDataset(store);
            } else if (CsvSpec.NAME.equals(name)) {
                throw new ParameterException(spec.commandLine(), "a csv dataset needs --config CONFIG (its file, label "
                        + "and split are in the config's dataset section)");
            } else {
                dataset = Datasets.load(name, variant, store, splitSeed);
            }
            out.printf("dataset %s, variant %s: %d features, %d classes (%s)%n", dataset.name(), dataset.variant(),
                    dataset.featureCount(), dataset.classCount(), String.join(", ", dataset.classNames()));
            out.println(where(dataset, store));
            if (dataset.preprocessing().get("rows_dropped_for_missing_values") instanceof Number dropped) {
                out.println(dropped + " row(s) with a missing value left out (dataset.missing: drop)");
            }
            out.println();
            out.print(Table.render(header(dataset), rows(dataset)));
            out.flush();
            return 0;
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
