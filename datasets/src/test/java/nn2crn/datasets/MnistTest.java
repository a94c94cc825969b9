package nn2crn.datasets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Integration test on the real MNIST files. */
class MnistTest {

    private static DataStore store;

    @BeforeAll
    static void openStore() {
        store = TestData.store("mnist");
    }

    @Test
    void rawFilesHaveTheOriginalCountsAndLabels() {
        IdxReader.Images train = IdxReader.readImages(store.require(DataCatalog.MNIST_TRAIN_IMAGES));
        int[] testLabels = IdxReader.readLabels(store.require(DataCatalog.MNIST_TEST_LABELS));
        assertEquals(60_000, train.count());
        assertEquals(28, train.rows());
        assertEquals(10_000, testLabels.length);
        assertEquals(7, testLabels[0]);
    }

    @Test
    void paperVariantSplitsAndDownscalesTheCenteredImages() {
        Dataset mnist = Mnist.load(store, Mnist.Variant.CENTERED_14);
        assertEquals(50_000, mnist.split("train").size());
        assertEquals(10_000, mnist.split("valid").size());
        assertEquals(10_000, mnist.split("test").size());
        assertEquals(196, mnist.featureCount());
        double[] image = mnist.split("test").features()[215];
        assertEquals(0, mnist.split("test").labels()[215]);
        // Reference values from an independent numpy computation:
        // (x/255 - test-set per-pixel mean) reshaped (14,2,14,2) and averaged over the 2x2 blocks.
        assertEquals(0.0, image[0], 1e-12);
        assertEquals(-0.5456367647058882, image[7 * 14 + 7], 1e-12);
        assertEquals(0.6013033333333315, image[5 * 14 + 9], 1e-12);
        assertEquals(0.6604960784313714, image[10 * 14 + 4], 1e-12);
        assertEquals(0.0, image[13 * 14 + 13], 1e-12);
    }

    @Test
    void everyCenteredSplitHasZeroPixelMeans() {
        Dataset mnist = Mnist.load(store, Mnist.Variant.CENTERED_28);
        for (String name : new String[]{"valid", "test"}) {
            double[][] x = mnist.split(name).features();
            double sum = 0;
            for (double[] row : x) {
                sum += row[14 * 28 + 14];
            }
            assertEquals(0, sum / x.length, 1e-12, name);
        }
    }

    @Test
    void uncenteredVariantKeepsPixelsInUnitInterval() {
        double[][] x = Mnist.load(store, Mnist.Variant.RAW_14).split("valid").features();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double[] row : x) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(0, min, 0);
        assertTrue(max <= 1 && max > 0.9, "max " + max);
    }
}
