package nn2crn.pipeline;

import nn2crn.simulate.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code reproduce iris} over short versions of the paper's Iris configs, three seeds each. */
class ReproductionTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    private static final class Recording implements PipelineLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void say(String line) {
            lines.add(line);
        }

        @Override
        public Evaluation.Progress progress(String label) {
            return (done, total, seconds) -> { };
        }
    }

    /** The CI configs under the paper configs' names, so the test takes seconds. */
    private static Path shortConfigs(Path dir) throws IOException {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve("iris.yaml"), Files.readString(CONFIGS.resolve("ci-iris.yaml"))
                .replace("name: ci-iris", "name: iris").replace("epochs: 80", "epochs: 30"));
        Files.writeString(configs.resolve("iris-smooth.yaml"), Files.readString(CONFIGS.resolve("ci-iris-smooth.yaml"))
                .replace("name: ci-iris-smooth", "name: iris-smooth")
                + "compile:\n  schemes: [smooth-relu]\nsimulate:\n  split: test\n  t_max: 50\n");
        return configs;
    }

    @Test
    void trainsEverySeedPicksOnTheSelectSplitAndReportsTheSpread(@TempDir Path dir) throws IOException {
        Path configs = shortConfigs(dir);
        Recording log = new Recording();
        Reproduction.Result result = new Reproduction(log, 2).run("iris", false, configs, dir.resolve("out"), null, 3);
        assertEquals(List.of("iris", "iris-smooth"), result.configs().stream().map(Reproduction.ConfigResult::name).toList());
        for (Reproduction.ConfigResult c : result.configs()) {
            assertEquals(List.of(1L, 2L, 3L), c.seeds().stream().map(Reproduction.Seed::seed).toList());
            double bestSelect = c.seeds().stream().mapToDouble(Reproduction.Seed::selectAccuracy).max().orElseThrow();
            assertEquals(bestSelect, c.picked().selectAccuracy(), "picked by the select split");
            assertTrue(c.min() <= c.median() && c.median() <= c.max());
            assertEquals(c.picked().trainDir(), c.run().trainDir(), "the picked seed's network is the one compiled");
        }
        // iris-smooth selects on train and reports test: a picked seed need not have the best test accuracy
        Reproduction.ConfigResult smooth = result.configs().get(1);
        assertEquals("train", smooth.selectSplit());
        assertEquals("test", smooth.evaluationSplit());

        String table = Files.readString(dir.resolve("out").resolve(Reproduction.TABLE));
        assertTrue(table.contains("seeds: NN acc median [min, max] (picked)"), table);
        Reproduction.ConfigResult iris = result.configs().get(0);
        assertTrue(table.contains(String.format(java.util.Locale.ROOT, "%s [%s, %s] of 3 (seed %d, best on all)",
                RunReport.percent(iris.median()), RunReport.percent(iris.min()), RunReport.percent(iris.max()),
                iris.picked().seed())), table);
        assertEquals(6, log.lines.stream().filter(l -> l.contains("trained (")).count(), String.join("\n", log.lines));

        // a second run trains nothing and gives the same table rows
        Recording again = new Recording();
        Reproduction.Result second = new Reproduction(again, 2).run("iris", false, configs, dir.resolve("out"), null, 3);
        assertEquals(0, again.lines.stream().filter(l -> l.contains("trained (")).count());
        assertEquals(result.rows().stream().map(r -> r.subList(0, 5)).toList(),
                second.rows().stream().map(r -> r.subList(0, 5)).toList());
    }
}
