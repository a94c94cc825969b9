package nn2crn.datasets;

import java.util.List;

/** Loads any of the three datasets by name and preprocessing variant. */
public final class Datasets {

    public static final List<String> NAMES = List.of("iris", "mnist", "virus");

    private Datasets() {
    }

    /** The variant used when a config or command names none: the paper's. */
    public static String defaultVariant(String name) {
        return switch (checkName(name)) {
            case "iris" -> Iris.VARIANT_STANDARDIZED;
            case "mnist" -> Mnist.Variant.CENTERED_14.id;
            default -> Virus.VARIANT_STANDARDIZED;
        };
    }

    public static List<String> variants(String name) {
        return switch (checkName(name)) {
            case "iris" -> List.of(Iris.VARIANT_STANDARDIZED, Iris.VARIANT_RAW);
            case "mnist" -> List.of(Mnist.Variant.values()).stream().map(v -> v.id).toList();
            default -> List.of(Virus.VARIANT_STANDARDIZED, Virus.VARIANT_RAW);
        };
    }

    /**
     * @param splitSeed seed of the stratified split where a dataset has no fixed one (Iris)
     */
    public static Dataset load(String name, String variant, DataStore store, long splitSeed) {
        String v = variant == null ? defaultVariant(name) : variant;
        return switch (checkName(name)) {
            case "iris" -> Iris.load(v, splitSeed);
            case "mnist" -> Mnist.load(store, Mnist.Variant.parse(v));
            default -> Virus.load(store, v);
        };
    }

    private static String checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new DataException("unknown dataset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        return name;
    }
}
