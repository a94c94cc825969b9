package nn2crn.pipeline;

import nn2crn.train.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepConfigTest {

    private static final String BASE = """
            name: base
            seed: 1
            dataset:
              name: iris
            network:
              hidden: [8]
              weights: binary
            training:
              batch_size: 16
              epochs: 5
              lr_start: 0.01
              lr_end: 0.001
            dna:
              scheme: soloveichik2010
            """;

    @TempDir
    Path dir;

    private SweepConfig load(String sweep) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, sweep);
        return SweepConfig.load(file);
    }

    private String error(String sweep) {
        return assertThrows(ConfigException.class, () -> load(sweep)).getMessage();
    }

    @Test
    void gridThenListedPointsWithSeeds() throws IOException {
        SweepConfig config = load("""
                name: s
                base: base.yaml
                seeds: [3, 4]
                grid:
                  network.hidden: [[2], [4]]
                  network.max_fanout: [0, 2, 3]
                points:
                  - {network.weights: ternary, network.sparsity: 0.5}
                simulate_limit: 10
                """);
        assertEquals(7, config.points().size());
        assertEquals(List.of(3L, 4L), config.seeds());
        assertEquals(10, config.simulateLimit());
        // last grid key fastest
        assertEquals("network.hidden=[2] network.max_fanout=2", config.points().get(1).describe());
        assertEquals(List.of(4), config.points().get(5).config().network().hidden());
        assertEquals(3, config.points().get(5).config().network().maxFanout());
        assertEquals("network.weights=ternary network.sparsity=0.5", config.points().get(6).describe());
        assertEquals(0.5, config.points().get(6).config().network().sparsity(), 0);
        assertEquals("p7", config.points().get(6).id());
    }

    @Test
    void pointConfigsCarryNameAndSeedAndDropTheDnaSection() {
        String yaml = SweepConfig.pointYaml(BASE, dir, java.util.Map.of("network.max_fanout", 2), "s-p1", 9);
        assertTrue(yaml.contains("seed: 9"), yaml);
        assertTrue(yaml.contains("name: \"s-p1\"") || yaml.contains("name: s-p1"), yaml);
        assertTrue(yaml.contains("max_fanout: 2"), yaml);
        assertTrue(!yaml.contains("dna"), yaml);
    }

    @Test
    void badSweepsAreRefusedWithTheirLocation() {
        String misspelt = error("name: s\nbase: base.yaml\ngird: {}\n");
        assertTrue(misspelt.contains("sweep.yaml:3:1: unknown key 'gird'"), misspelt);
        assertTrue(error("name: s\nbase: nowhere.yaml\ngrid: {network.hidden: [[2]]}\n")
                .contains("key 'base': cannot read"));
        assertTrue(error("name: s\nbase: base.yaml\nseeds: []\ngrid: {network.hidden: [[2]]}\n")
                .contains("key 'seeds': must be a non-empty list"));
        assertTrue(error("name: s\nbase: base.yaml\nseeds: [1, x]\ngrid: {network.hidden: [[2]]}\n")
                .contains("key 'seeds[1]': must be an integer"));
        assertTrue(error("name: s\nbase: base.yaml\n").contains("no points"));
        assertTrue(error("name: a/b\nbase: base.yaml\ngrid: {network.hidden: [[2]]}\n").contains("key 'name'"));
        // a point whose config is invalid is named with what the config check says, before any work
        String bad = error("name: s\nbase: base.yaml\ngrid:\n  network.max_fanout: [2, -1]\n");
        assertTrue(bad.contains("sweep.yaml:3:") && bad.contains("max_fanout"), bad);
        String unknown = error("name: s\nbase: base.yaml\npoints:\n  - {network.hiden: [2]}\n");
        assertTrue(unknown.contains("sweep.yaml:") && unknown.contains("hiden"), unknown);
    }
}
