package nn2crn.datasets;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class IrisTest {

    @Test
    void hasAllExamplesWithBalancedClasses() {
        Dataset iris = Iris.load(Iris.VARIANT_STANDARDIZED, 42);
        Split all = iris.split("all");
        assertEquals(150, all.size());
        assertEquals(4, all.featureCount());
        assertArrayEquals(new int[]{50, 50, 50}, all.classCounts(3));
        assertEquals("setosa", iris.classNames().get(0));
    }

    @Test
    void standardizedColumnsHaveZeroMeanAndUnitPopulationStd() {
        double[][] x = Iris.load(Iris.VARIANT_STANDARDIZED, 42).split("all").features();
        for (int j = 0; j < 4; j++) {
            final int col = j;
            double mean = Arrays.stream(x).mapToDouble(r -> r[col]).average().orElseThrow();
            double var = Arrays.stream(x).mapToDouble(r -> (r[col] - mean) * (r[col] - mean)).sum() / x.length;
            assertEquals(0, mean, 1e-12, "mean of column " + j);
            assertEquals(1, Math.sqrt(var), 1e-12, "std of column " + j);
        }
    }

    @Test
    void rawVariantKeepsCentimetres() {
        double[] first = Iris.load(Iris.VARIANT_RAW, 42).split("all").features()[0];
        assertArrayEquals(new double[]{5.1, 3.5, 1.4, 0.2}, first, 1e-12);
    }

    @Test
    void stratifiedSplitIsSeededAndHoldsOutAFifthOfEachClass() {
        Dataset a = Iris.load(Iris.VARIANT_STANDARDIZED, 7);
        Dataset b = Iris.load(Iris.VARIANT_STANDARDIZED, 7);
        Dataset c = Iris.load(Iris.VARIANT_STANDARDIZED, 8);
        assertArrayEquals(new int[]{10, 10, 10}, a.split("test").classCounts(3));
        assertArrayEquals(new int[]{40, 40, 40}, a.split("train").classCounts(3));
        assertArrayEquals(a.split("test").features(), b.split("test").features());
        assertFalse(Arrays.deepEquals(a.split("test").features(), c.split("test").features()));
    }

    /** Through DataVec the raw values, labels and splits are today's bit for bit (checksum of the loader before). */
    @Test
    void theTablePathGivesTheLoaderBeforeItValueForValue() {
        assertEquals("83abd43db2f7d412f08b6ca8875085e3dcbed4673d18c835c1c003e5fc99bb78",
                TabularChecks.sha256(Iris.load(Iris.VARIANT_RAW, 42)));
        TabularChecks.standardizedByHand(Iris.load(Iris.VARIANT_RAW, 42), Iris.load(Iris.VARIANT_STANDARDIZED, 42));
    }

    @Test
    void unknownSplitAndVariantAreNamed() {
        DataException e = assertThrows(DataException.class, () -> Iris.load("standardized", 1).split("valid"));
        assertTrue(e.getMessage().contains("'valid'") && e.getMessage().contains("all, train, test"), e.getMessage());
        DataException v = assertThrows(DataException.class, () -> Iris.load("scaled", 1));
        assertTrue(v.getMessage().contains("'scaled'"), v.getMessage());
    }
}
