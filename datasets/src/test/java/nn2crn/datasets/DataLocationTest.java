package nn2crn.datasets;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataLocationTest {

    private static final Path HOME = Path.of("/home/user");

    @Test
    void optionBeatsEnvironmentVariable() {
        DataLocation loc = DataLocation.resolve(Path.of("/opt/data"), Map.of("NN2CRN_DATA", "/env/data"), HOME);
        assertEquals(Path.of("/opt/data"), loc.dir());
        assertEquals("--data-dir", loc.source());
    }

    @Test
    void environmentVariableBeatsDefault() {
        DataLocation loc = DataLocation.resolve(null, Map.of("NN2CRN_DATA", "/env/data"), HOME);
        assertEquals(Path.of("/env/data"), loc.dir());
        assertEquals("NN2CRN_DATA", loc.source());
    }

    @Test
    void defaultIsThePerUserCache() {
        assertEquals(Path.of("/home/user/.cache/nn2crn/datasets"), DataLocation.resolve(null, Map.of(), HOME).dir());
        assertEquals(Path.of("/xdg/nn2crn/datasets"),
                DataLocation.resolve(null, Map.of("XDG_CACHE_HOME", "/xdg", "NN2CRN_DATA", " "), HOME).dir());
    }
}
