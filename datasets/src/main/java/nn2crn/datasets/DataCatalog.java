package nn2crn.datasets;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Every downloadable file, with its checksum and public origins. */
public final class DataCatalog {

    private static final List<String> MNIST_MIRRORS = List.of(
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
            "https://ossci-datasets.s3.amazonaws.com/mnist/");

    /** The authors' repository pinned to the snapshot the checksums were taken from. */
    private static final String VIRUS_ORIGIN =
            "https://raw.githubusercontent.com/marko-vasic/dmp/3e0c09d1af59bc7dd11a2d683330d3f431e15804/data-repo/datasets/virus/";

    public static final DataFile MNIST_TRAIN_IMAGES = mnist("train-images-idx3-ubyte.gz",
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
    public static final DataFile MNIST_TRAIN_LABELS = mnist("train-labels-idx1-ubyte.gz",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c");
    public static final DataFile MNIST_TEST_IMAGES = mnist("t10k-images-idx3-ubyte.gz",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");
    public static final DataFile MNIST_TEST_LABELS = mnist("t10k-labels-idx1-ubyte.gz",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    public static final DataFile VIRUS_EXPRESSION = virus("icml2020dataset_GSE73072_4labels.csv",
            "97bb37910342e3dc44a6747c16aea8ff313865a4911bda84b2a13f77efb39a63");
    public static final DataFile VIRUS_SAMPLES = virus("icml2020dataset_GSE73072_sample.csv",
            "5457b8531e54b95c576a448cac1c13830c56edd11e90e19bca01efb5dfebd48c");

    /** Subject tables in the order the authors read them. */
    public static final List<DataFile> VIRUS_SUBJECT_TABLES = List.of(
            virus("icml2020dataset_GSE73072_DEE3.csv", "f923f1c66073d319fe49cf3432da5af6b60c19c23d42405b0a45efd3c2c8a0e1"),
            virus("icml2020dataset_GSE73072_DEE4.csv", "d775adf51d144f75f208667637d58b770ba50e568e599c42e5c09e0b714cdc61"),
            virus("icml2020dataset_GSE73072_DEE1.csv", "e475d24c74682437c9064efdc603a3e058f50e270dd2799b2df0893b68ec71fb"),
            virus("icml2020dataset_GSE73072_DEE2.csv", "0e07ff6eee37fdd9bbd0bc40dbbbf3a0397e611f5573a7c80afcb44f267d785d"),
            virus("icml2020dataset_GSE73072_DEE5.csv", "a23fbfd927af5381fd94ba4d2856d21c12ea7f438e884491e3c1fb0674731d48"),
            virus("icml2020dataset_GSE73072_UVA.csv", "fae15f6c1bde9ca41c38d47fb8e8f676020163561b7cbe79cd514778389ed66f"),
            virus("icml2020dataset_GSE73072_DUKE.csv", "30f6035a65d46218b42b4040b1433f8a7fa680292d48c452d775a9a05e6f9b95"));

    private DataCatalog() {
    }

    public static List<DataFile> mnistFiles() {
        return List.of(MNIST_TRAIN_IMAGES, MNIST_TRAIN_LABELS, MNIST_TEST_IMAGES, MNIST_TEST_LABELS);
    }

    public static List<DataFile> virusFiles() {
        List<DataFile> files = new ArrayList<>();
        files.add(VIRUS_EXPRESSION);
        files.add(VIRUS_SAMPLES);
        files.addAll(VIRUS_SUBJECT_TABLES);
        return List.copyOf(files);
    }

    public static List<DataFile> all() {
        List<DataFile> files = new ArrayList<>(mnistFiles());
        files.addAll(virusFiles());
        return List.copyOf(files);
    }

    private static DataFile mnist(String name, String sha256) {
        return new DataFile("mnist", name, sha256, MNIST_MIRRORS.stream().map(m -> URI.create(m + name)).toList());
    }

    private static DataFile virus(String name, String sha256) {
        return new DataFile("virus", name, sha256, List.of(URI.create(VIRUS_ORIGIN + name)));
    }
}
