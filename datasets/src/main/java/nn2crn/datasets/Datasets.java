package nn2crn.datasets;

import java.util.List;
import java.util.Map;

/** Loads the shipped datasets by name and preprocessing variant, and users' CSV datasets by their spec. */
public final class Datasets {

    public static final List<String> NAMES = List.of("iris", "mnist", "virus", CsvSpec.NAME);

    private Datasets() {
    }

    /** The variant used when a config or command names none: the paper's. */
    public static String defaultVariant(String name) {
        return switch (checkName(name)) {
            case "iris" -> Iris.VARIANT_STANDARDIZED;
            case "mnist" -> Mnist.Variant.CENTERED_14.id;
            case CsvSpec.NAME -> CsvSpec.VARIANT;
            default -> Virus.VARIANT_STANDARDIZED;
        };
    }

    public static List<String> variants(String name) {
        return switch (checkName(name)) {
            case "iris" -> List.of(Iris.VARIANT_STANDARDIZED, Iris.VARIANT_RAW);
            case "mnist" -> List.of(Mnist.Variant.values()).stream().map(v -> v.id).toList();
            case CsvSpec.NAME -> List.of(CsvSpec.VARIANT);
            default -> List.of(Virus.VARIANT_STANDARDIZED, Virus.VARIANT_RAW);
        };
    }

    /**
     * @param splitSeed seed of the stratified split where a dataset has no fixed one (Iris)
     */
    public static Dataset load(String name, String variant, DataStore store, long splitSeed) {
        return load(name, variant, store, splitSeed, null);
    }

    /**
     * @param csv the spec of a {@code csv} dataset (ignored for the others)
     */
    public static Dataset load(String name, String variant, DataStore store, long splitSeed, CsvSpec csv) {
        String v = variant == null ? defaultVariant(name) : variant;
        return switch (checkName(name)) {
            case "iris" -> Iris.load(v, splitSeed);
            case "mnist" -> Mnist.load(store, Mnist.Variant.parse(v));
            case CsvSpec.NAME -> {
                if (csv == null) {
                    throw new DataException("a csv dataset is described by its config (dataset.path, dataset.label, ...):"
                            + " give the config");
                }
                yield csv.load();
            }
            default -> Virus.load(store, v);
        };
    }

    /**
     * The dataset a network was trained on, as its preprocessing record names it (dataset, variant,
     * Iris's split seed, a CSV dataset's source).
     *
     * @param name    overrides the recorded dataset name (null: the recorded one)
     * @param variant overrides the recorded variant (null: the recorded one)
     */
    public static Dataset forNetwork(Map<String, Object> preprocessing, String name, String variant, DataStore store) {
        String n = name != null ? name : recorded(preprocessing, "dataset", "--dataset");
        String v = variant != null ? variant : preprocessing.get("variant") instanceof String s ? s : null;
        long splitSeed = preprocessing.get("split_seed") instanceof Number seed ? seed.longValue() : 42;
        CsvSpec csv = CsvSpec.fromPreprocessing(preprocessing);
        if (n.equals(CsvSpec.NAME) && csv == null) {
            throw new DataException("the network does not record its CSV dataset's source; simulate with --inputs");
        }
        return load(n, v, store, splitSeed, csv);
    }

    private static String recorded(Map<String, Object> preprocessing, String key, String option) {
        if (!(preprocessing.get(key) instanceof String value)) {
            throw new DataException("the network does not record its " + key + ": give " + option);
        }
        return value;
    }

    private static String checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new DataException("unknown dataset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        return name;
    }
}
