package nn2crn.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * MNIST with the preprocessing of the ICML 2020 paper's pylearn2 setup: pixels / 255, each split
 * centered by subtracting the per-pixel mean of that same split, then 28x28 downscaled to 14x14
 * (bilinear with half-pixel centres, which for a factor of 2 is the mean of each 2x2 block).
 * Splits: train = first 50,000 training images, valid = last 10,000, test = the 10,000 test images.
 */
public final class Mnist {

    /** Preprocessing variants: image side and whether each split is centered. */
    public enum Variant {
        CENTERED_14("14x14-centered", 14, true),
        RAW_14("14x14", 14, false),
        CENTERED_28("28x28-centered", 28, true),
        RAW_28("28x28", 28, false);

        public final String id;
        public final int side;
        public final boolean centered;

        Variant(String id, int side, boolean centered) {
            this.id = id;
            this.side = side;
            this.centered = centered;
        }

        public static Variant parse(String id) {
            for (Variant v : values()) {
                if (v.id.equals(id)) {
                    return v;
                }
            }
            throw new DataException("unknown MNIST variant '" + id + "' (known: "
                    + String.join(", ", List.of(values()).stream().map(v -> v.id).toList()) + ")");
        }
    }

    public static final int TRAIN_SIZE = 50_000;
    public static final List<String> CLASS_NAMES = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private Mnist() {
    }

    public static Dataset load(DataStore store, Variant variant) {
        IdxReader.Images trainImages = IdxReader.readImages(store.require(DataCatalog.MNIST_TRAIN_IMAGES));
        int[] trainLabels = IdxReader.readLabels(store.require(DataCatalog.MNIST_TRAIN_LABELS));
        IdxReader.Images testImages = IdxReader.readImages(store.require(DataCatalog.MNIST_TEST_IMAGES));
        int[] testLabels = IdxReader.readLabels(store.require(DataCatalog.MNIST_TEST_LABELS));
        checkPaired(trainImages, trainLabels, "train");
        checkPaired(testImages, testLabels, "t10k");

        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", preprocess("train", trainImages, trainLabels, 0, TRAIN_SIZE, variant));
        splits.put("valid", preprocess("valid", trainImages, trainLabels, TRAIN_SIZE, trainImages.count(), variant));
        splits.put("test", preprocess("test", testImages, testLabels, 0, testImages.count(), variant));

        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("scale", "x / 255");
        preprocessing.put("center", variant.centered
                ? "subtract the per-pixel mean of the split the image belongs to (28x28, before downscaling)"
                : "none");
        preprocessing.put("resize", variant.side == 14 ? "28x28 -> 14x14, mean of each 2x2 block" : "none");
        preprocessing.put("layout", "row-major " + variant.side + "x" + variant.side);
        return new Dataset("mnist", variant.id, pixelNames(variant.side), CLASS_NAMES, splits, preprocessing);
    }

    private static void checkPaired(IdxReader.Images images, int[] labels, String prefix) {
        if (images.count() != labels.length) {
            throw new DataException("MNIST " + prefix + " files disagree: " + images.count() + " images but "
                    + labels.length + " labels");
        }
        if (images.rows() != 28 || images.cols() != 28) {
            throw new DataException("MNIST " + prefix + " images are " + images.rows() + "x" + images.cols()
                    + ", expected 28x28");
        }
    }

    /** Scales, centers and downscales images [from, to) into a split. */
    static Split preprocess(String name, IdxReader.Images images, int[] allLabels, int from, int to, Variant variant) {
        int n = to - from;
        int full = images.rows() * images.cols();
        double[] mean = new double[full];
        if (variant.centered) {
            for (int i = from; i < to; i++) {
                int offset = i * full;
                for (int p = 0; p < full; p++) {
                    mean[p] += (images.pixels()[offset + p] & 0xff) / 255.0;
                }
            }
            for (int p = 0; p < full; p++) {
                mean[p] /= n;
            }
        }
        double[][] features = new double[n][];
        int[] labels = new int[n];
        double[] scaled = new double[full];
        for (int i = from; i < to; i++) {
            int offset = i * full;
            for (int p = 0; p < full; p++) {
                scaled[p] = (images.pixels()[offset + p] & 0xff) / 255.0 - mean[p];
            }
            features[i - from] = variant.side == 28 ? scaled.clone() : halve(scaled, images.rows(), images.cols());
            labels[i - from] = allLabels[i];
        }
        return new Split(name, features, labels);
    }

    /**
     * Halves both sides. Bilinear interpolation with half-pixel centres samples each output pixel
     * exactly between four input pixels, so it reduces to their mean.
     */
    static double[] halve(double[] image, int rows, int cols) {
        int outRows = rows / 2;
        int outCols = cols / 2;
        double[] out = new double[outRows * outCols];
        for (int r = 0; r < outRows; r++) {
            for (int c = 0; c < outCols; c++) {
                int top = 2 * r * cols + 2 * c;
                int bottom = top + cols;
                out[r * outCols + c] = (image[top] + image[top + 1] + image[bottom] + image[bottom + 1]) / 4.0;
            }
        }
        return out;
    }

    private static List<String> pixelNames(int side) {
        return IntStream.range(0, side * side).mapToObj(p -> "px_" + (p / side) + "_" + (p % side)).toList();
    }
}
