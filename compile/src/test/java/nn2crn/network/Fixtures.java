package nn2crn.network;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CRNs and networks compiled by the paper's authors ({@code shared/fixtures/dmp-heart}), found
 * through {@code NN2CRN_FIXTURES}; skipped when absent, failed when {@code NN2CRN_REQUIRE_DATA=1}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        return dir("dmp-heart");
    }

    /** A fixture folder: {@code dmp-heart} (the authors' CRNs) or {@code dsd-heart} (Nuskell's translation). */
    public static Path dir(String name) {
        String root = System.getenv("NN2CRN_FIXTURES");
        Path dir = root == null ? null : Path.of(root, name);
        if (dir == null || !Files.isDirectory(dir)) {
            String why = "NN2CRN_FIXTURES does not name a folder with " + name + "/";
            if ("1".equals(System.getenv("NN2CRN_REQUIRE_DATA"))) {
                Assertions.fail(why + " and NN2CRN_REQUIRE_DATA=1");
            }
            Assumptions.abort(why + ": fixture test skipped");
        }
        return dir;
    }
}
