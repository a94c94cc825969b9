package nn2crn.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ConfigLoaderTest {

    private static final String VALID = """
            name: x
            dataset: {name: iris}
            network: {hidden: [8]}
            training: {epochs: 5, lr_start: 0.01}
            """;

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "c.yaml")).getMessage();
    }

    @Test
    void defaultsAreFilledIn() {
        TrainConfig c = ConfigLoader.parse(VALID, "c.yaml");
        assertEquals("binary", c.network().weights());
        assertEquals("relu", c.network().activation());
        assertEquals("standardized", c.dataset().variant());
        assertEquals(0.01, c.training().lrEnd());
        assertEquals(1L, c.seed());
        assertEquals("train", c.dataset().trainSplit());
    }

    @Test
    void unknownKeyIsNamedWithLine() {
        String m = error(VALID.replace("training: {", "training: {momentum: 0.9, "));
        assertTrue(m.startsWith("c.yaml:4:12: unknown key 'training.momentum'"), m);
        assertTrue(m.contains("lr_start"), m);
    }

    @Test
    void everyErrorNamesTheLineAndColumnOfItsOwnKey() {
        // an unknown key early in a long section is reported where it is, not where the section ends
        String block = """
                name: x
                training:
                  foo: 1
                  epochs: 5
                  lr_start: 0.01
                  batch_size: 32
                  patience: 3
                  loss: squared-hinge
                dataset: {name: iris}
                network: {hidden: [8]}
                """;
        assertTrue(error(block).startsWith("c.yaml:3:3: unknown key 'training.foo'"), error(block));
        // a value that fails validation is located too
        String badValue = block.replace("  foo: 1\n", "").replace("lr_start: 0.01", "lr_start: -1");
        assertTrue(error(badValue).startsWith("c.yaml:4:3: key 'training.lr_start': must be positive"), error(badValue));
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8, 0]")).startsWith("c.yaml:3:23: key 'network.hidden[1]'"),
                error(VALID.replace("hidden: [8]", "hidden: [8, 0]")));
        assertTrue(error(VALID.replace("epochs: 5", "epochs: many")).startsWith("c.yaml:4:12: key 'training.epochs': "
                + "expected an integer"), error(VALID.replace("epochs: 5", "epochs: many")));
    }

    @Test
    void duplicateKeysAreRefused() {
        String m = error(VALID + "seed: 3\nseed: 4\n");
        assertTrue(m.startsWith("c.yaml:6:"), m);
        assertTrue(m.contains("duplicate key 'seed'"), m);
        String nested = error(VALID.replace("{epochs: 5, lr_start: 0.01}", "{epochs: 5, lr_start: 0.01, epochs: 6}"));
        assertTrue(nested.contains("duplicate key 'training.epochs' (first on line 4"), nested);
    }

    @Test
    void hostileDocumentsAreOneLineErrors() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        for (String text : java.util.List.of(deep, "name: [unclosed\n", "\t- - :\n", "!!binary x\n", "name: *anchor\n")) {
            String m = error(text);
            assertTrue(m.startsWith("c.yaml"), m);
            assertEquals(1, m.lines().count(), m);
            assertTrue(m.length() < 400, m);
        }
    }

    @Test
    void wrongTypeIsNamed() {
        String m = error(VALID.replace("epochs: 5", "epochs: many"));
        assertTrue(m.contains("key 'training.epochs': expected an integer"), m);
        assertTrue(error(VALID.replace("epochs: 5", "epochs: 2.5")).contains("training.epochs"));
    }

    @Test
    void impossibleValuesAreNamed() {
                assertTrue(error(VALID.replace("name: iris", "name: cifar")).contains("key 'dataset.name': 'cifar'"));
        assertTrue(error(VALID.replace("lr_start: 0.01", "lr_start: 0.01, lr_end: 0.1"))
                .contains("key 'training.lr_end'"));
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8], weights: quaternary"))
                .contains("key 'network.weights'"));
        assertTrue(error(VALID.replace("epochs: 5", "epochs: 5, input_dropout: 1.0"))
                .contains("key 'training.input_dropout'"));
        assertTrue(error(VALID.replace("{name: iris}", "{name: mnist, variant: 7x7}"))
                .contains("key 'dataset.variant'"));
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8], eps: 0.1")).contains("smooth-relu only"));
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8], weight_scale: he")).contains("key 'network.weight_scale'"));
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8], weight_scale: glorot, activation: smooth-relu"))
                .contains("glorot needs relu"));
        assertTrue(error(VALID.replace("training: {epochs: 5, lr_start: 0.01}", "")).contains("key 'training': is required"));
    }

    @Test
    void reduceChoosesTheRateIndependentVariants() {
        assertEquals(java.util.List.of(false, true), ConfigLoader.parse(VALID, "c.yaml").compile().rateIndependentVariants());
        assertEquals(java.util.List.of(false), ConfigLoader.parse(VALID + "compile: {reduce: false}\n", "c.yaml")
                .compile().rateIndependentVariants());
        assertEquals(java.util.List.of(true), ConfigLoader.parse(VALID + "compile: {reduce: only}\n", "c.yaml")
                .compile().rateIndependentVariants());
        assertTrue(error(VALID + "compile: {reduce: twice}\n").contains("key 'compile.reduce': 'twice' is not one of true, false, only"));
        assertTrue(error(VALID + "simulate: {error_scale: max}\n").contains("key 'simulate.error_scale': 'max' is not one of state, peak"));
        assertTrue(error(VALID + "simulate: {solver: dp853, error_scale: peak}\n")
                .contains("key 'simulate.error_scale': 'peak' needs one of nn2crn's own solvers"));
    }

    @Test
    void readoutIsOneOrSeveralOfRailsSubtractAndWta() {
        assertEquals(java.util.List.of("rails"), ConfigLoader.parse(VALID, "c.yaml").compile().readouts());
        TrainConfig.CompileSection subtract = ConfigLoader.parse(VALID + "compile: {readout: subtract}\n", "c.yaml").compile();
        assertEquals(java.util.List.of("subtract"), subtract.readouts());
        assertEquals(java.util.List.of("rails", "subtract", "wta"), ConfigLoader.parse(VALID
                + "compile: {readout: [rails, subtract, wta]}\n", "c.yaml").compile().readouts());
        String m = error(VALID + "compile:\n  readout: argmax\n");
        assertTrue(m.startsWith("c.yaml:6:3: key 'compile.readout': 'argmax' is not one of rails, subtract, wta"), m);
        assertTrue(error(VALID + "compile: {readout: [rails, wta, wta]}\n")
                .contains("key 'compile.readout[2]': 'wta' is given twice"));
        assertTrue(error(VALID + "compile: {schemes: [smooth-relu], readout: subtract}\n")
                .contains("key 'compile.readout': 'subtract' reads dual-rail outputs: it needs the rate-independent scheme"));
        assertTrue(error(VALID + "compile: {readout: 1.5}\n").contains("compile.readout"));
        assertTrue(error(VALID + "simulate: {wta_rate_spread: 1.5}\n").contains("key 'simulate.wta_rate_spread'"));
        assertEquals(0.65, ConfigLoader.parse(VALID, "c.yaml").simulate().wtaRateSpread());
    }

    @Test
    void missingFileIsNamed() {
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("nope.yaml"))).getMessage();
        assertEquals("nope.yaml: no such file", m);
    }

    @Test
    void shippedConfigsAreValid() {
        for (String name : new String[]{"iris", "virus", "mnist", "mnist-large", "iris-smooth", "virus-smooth",
                "ci-iris", "ci-iris-smooth", "iris-csv"}) {
            TrainConfig c = ConfigLoader.load(Path.of("..", "configs", name + ".yaml"));
            assertEquals(name, c.name());
        }
    }
}
