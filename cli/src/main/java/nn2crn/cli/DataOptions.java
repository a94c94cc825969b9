package nn2crn.cli;

import nn2crn.datasets.DataLocation;
import nn2crn.datasets.DataStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where dataset files are found (and downloaded to). */
final class DataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with mnist/ and virus/ dataset files (default: $" + DataLocation.ENV_VAR
                    + ", else ~/.cache/nn2crn/datasets). Missing files are downloaded there and checksummed.")
    Path dataDir;

    DataStore store() {
        return DataStore.open(dataDir);
    }
}
