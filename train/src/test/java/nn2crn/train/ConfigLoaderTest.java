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
        assertTrue(m.startsWith("c.yaml: line 4: unknown key 'training.momentum'"), m);
        assertTrue(m.contains("lr_start"), m);
    }

    @Test
    void wrongTypeIsNamed() {
        String m = error(VALID.replace("epochs: 5", "epochs: many"));
        assertTrue(m.contains("key 'training.epochs': expected an integer"), m);
        assertTrue(error(VALID.replace("epochs: 5", "epochs: 2.5")).contains("training.epochs"));
    }

    @Test
    void impossibleValuesAreNamed() {
        assertTrue(error(VALID.replace("hidden: [8]", "hidden: [8, 0]")).contains("key 'network.hidden[1]'"));
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
    }

    @Test
    void missingFileIsNamed() {
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("nope.yaml"))).getMessage();
        assertEquals("nope.yaml: no such file", m);
    }

    @Test
    void shippedConfigsAreValid() {
        for (String name : new String[]{"iris", "virus", "mnist", "mnist-large", "iris-smooth", "virus-smooth",
                "ci-iris", "ci-iris-smooth"}) {
            TrainConfig c = ConfigLoader.load(Path.of("..", "configs", name + ".yaml"));
            assertEquals(name, c.name());
        }
    }
}
