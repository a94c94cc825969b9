package nn2crn.datasets;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Access to the real datasets for integration tests. They run when {@code NN2CRN_DATA} names a
 * folder with the data and are skipped otherwise; with {@code NN2CRN_REQUIRE_DATA=1} (as in CI) a
 * missing folder fails the test instead of skipping it.
 */
public final class TestData {

    private TestData() {
    }

    /** A store over {@code NN2CRN_DATA} that never downloads. */
    public static DataStore store(String neededFolder) {
        String dir = System.getenv(DataLocation.ENV_VAR);
        boolean present = dir != null && Files.isDirectory(Path.of(dir, neededFolder));
        if (!present) {
            String why = DataLocation.ENV_VAR + " does not name a folder with " + neededFolder + "/";
            if ("1".equals(System.getenv("NN2CRN_REQUIRE_DATA"))) {
                Assertions.fail(why + " and NN2CRN_REQUIRE_DATA=1");
            }
            Assumptions.abort(why + ": dataset test skipped");
        }
        return new DataStore(new DataLocation(Path.of(dir), DataLocation.ENV_VAR), false, message -> { });
    }
}
