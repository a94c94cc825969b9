package nn2crn.datasets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Integration test on the authors' GSE73072 extract. */
class VirusTest {

    private static Dataset virus;

    @BeforeAll
    static void load() {
        virus = Virus.load(TestData.store("virus"), Virus.VARIANT_STANDARDIZED);
    }

    @Test
    void filteringKeepsThePapersExamples() {
        assertEquals(698, virus.split("all").size());
        assertEquals(10, virus.featureCount());
        assertEquals(List.of("H1N1", "H3N2", "HRV", "RSV"), virus.classNames());
        assertEquals("10000_at", virus.featureNames().get(0));
        assertArrayEquals(new int[]{260, 193, 151, 94}, virus.split("all").classCounts(4));
    }

    /** Through DataVec the raw values, labels and splits are today's bit for bit (checksum of the loader before). */
    @Test
    void theTablePathGivesTheLoaderBeforeItValueForValue() {
        DataStore store = TestData.store("virus");
        Dataset raw = Virus.load(store, Virus.VARIANT_RAW);
        assertEquals("1af656668c7dfdb6446a39172632026016e5aecd6d052746ce8915cc298de2b4", TabularChecks.sha256(raw));
        TabularChecks.standardizedByHand(raw, virus);
    }

    @Test
    void fixedPermutationGivesThePapersSplits() {
        assertEquals(558, virus.split("train").size());
        assertEquals(34, virus.split("valid").size());
        assertEquals(104, virus.split("test").size());
        assertArrayEquals(new int[]{202, 156, 120, 80}, virus.split("train").classCounts(4));
        assertArrayEquals(new int[]{12, 8, 11, 3}, virus.split("valid").classCounts(4));
        assertArrayEquals(new int[]{46, 28, 20, 10}, virus.split("test").classCounts(4));
    }

    @Test
    void standardizesWithStatisticsOverAllExamples() {
        // Test example 0 is example 333; raw 10000_at = 5.5942, mean 5.11810129, std 0.47350426.
        double[] first = virus.split("test").features()[0];
        assertEquals(1.0054792607212797, first[0], 1e-9);
        assertEquals(0.11077162797431638, first[8], 1e-9);
        assertEquals(1, virus.split("test").labels()[0]);
        @SuppressWarnings("unchecked")
        List<Double> mean = (List<Double>) virus.preprocessing().get("mean");
        assertEquals(5.118101, mean.get(0), 1e-6);
        assertEquals(11.017716, mean.get(9), 1e-6);
    }
}
