package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.datasets.Split;
import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: inputs tables that used to be misread are refused with the file and line, or (a BOM) accepted. */
class ExamplesTableTest {

    @TempDir
    Path dir;

    private static final Crn CRN = CrnText.parse("A -> B\nC -> D\n", "t.crn", "t");

    private String error(String content) throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, content);
        String m = assertThrows(CrnException.class, () -> Examples.fromTable(file, CRN)).getMessage();
        assertEquals(1, m.lines().count(), m);
        assertTrue(m.startsWith(file.toString()), m);
        return m.substring(file.toString().length());
    }

    @Test
    void badTablesAreRefusedWithFileAndLine() throws Exception {
        assertTrue(error("A,C,A\n1,2,3\n").contains("duplicate"), error("A,C,A\n1,2,3\n"));
        assertTrue(error("A,C\n1,2\n1,2,3\n").startsWith(":3: 3 fields, but the header has 2 columns"),
                error("A,C\n1,2\n1,2,3\n"));
        assertTrue(error("A,C\n1\n").startsWith(":2: 1 fields"), error("A,C\n1\n"));
        assertTrue(error("").contains("empty file"), error(""));
        assertTrue(error("A,C\n").contains("no examples"), error("A,C\n"));
        String quote = error("A,C\n1,\"2\n3,4\n");
        assertTrue(quote.matches(":\\d+: not valid CSV.*"), quote);
        assertTrue(error("A,label\n1,-1\n").startsWith(":2: column 'label'"));
        assertTrue(error("A,C\n1,x" + "y".repeat(5000) + "\n").length() < 200);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, ("\uFEFFA,C,label\n1.5,2,1\n").getBytes(StandardCharsets.UTF_8));
        List<Evaluation.Example> examples = Examples.fromTable(file, CRN);
        assertEquals(1, examples.size());
        assertEquals(1, examples.get(0).label());
        assertArrayEquals(new double[]{1.5, 0, 2, 0}, examples.get(0).start());
    }

    /** What data export --crn writes is what simulate --inputs reads: the same initial states, label kept. */
    @Test
    void anExportedTableReadsBackAsTheSameInitialStates() throws Exception {
        Network network = new Network("n", 2, List.of("a", "b"), List.of("p", "q"),
                Map.of(), new InputRange(new double[]{-2, -2}, new double[]{2, 2}),
                List.of(new Layer(Activation.RELU, 0, new double[][]{{1, -1}, {-1, 1}},
                                new double[]{0.5, 0}),
                        new Layer(Activation.IDENTITY, 0, new double[][]{{1, 0}, {0, 1}},
                                new double[]{0, 0.25})));
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(
                Scheme.RATE_INDEPENDENT));
        Split split = new Split("test", new double[][]{{0.5, -1}, {-0.25, 1.5}, {1, 1}},
                new int[]{0, 1, 1});
        Path file = dir.resolve("exported.csv");
        Examples.writeTable(crn, split, 2, file);
        List<Evaluation.Example> examples = Examples.fromTable(file, crn);
        assertEquals(2, examples.size(), "--limit");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(crn.initialState(split.features()[i]), examples.get(i).start(), 0.0);
            assertEquals(split.labels()[i], examples.get(i).label());
        }
    }
}
