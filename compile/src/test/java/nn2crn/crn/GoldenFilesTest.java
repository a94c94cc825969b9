package nn2crn.crn;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exports of the hand-made 2-2-2 network against files checked by hand. To regenerate them
 * after an intended change: {@code mvn test -pl compile -Dtest=GoldenFilesTest -Dnn2crn.updateGolden=true}
 * (then review the diff).
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rate-independent, false, ''", "rate-independent, true, ''", "smooth-relu, false, ''",
            "rate-independent, false, 100 nM"})
    void exportsMatchTheGoldenFiles(String scheme, boolean reduce, String unitText) throws Exception {
        ConcentrationUnit unit = unitText.isEmpty() ? null : new ConcentrationUnit(
                ConcentrationUnit.Molar.parse(unitText.split(" ")[1]), Double.parseDouble(unitText.split(" ")[0]));
        Crn crn = CrnCompiler.compile(TestNetworks.tiny(),
                CompileOptions.of(Scheme.parse(scheme)).withReduce(reduce).withEps(0.01));
        CrnFiles.write(crn, List.of("tiny 2-2-2 test network"), unit, dir);
        String name = scheme + (reduce ? "-reduced" : "") + (unit == null ? "" : "-" + unit.unit());
        for (String file : List.of(CrnFiles.CRN_FILE, CrnFiles.SBML_FILE, CrnFiles.MANIFEST_FILE)) {
            Path golden = GOLDEN.resolve(name).resolve(file);
            String actual = Files.readString(dir.resolve(file));
            if (Boolean.getBoolean("nn2crn.updateGolden")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual);
            }
            assertEquals(Files.readString(golden), actual, name + "/" + file);
        }
    }
}
