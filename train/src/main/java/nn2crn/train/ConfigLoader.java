package nn2crn.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import nn2crn.datasets.CsvSpec;
import nn2crn.datasets.Datasets;
import nn2crn.dna.DnaTranslation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and validates training configs; every problem is one line naming the file and key. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigLoader() {
    }

    public static TrainConfig load(Path file) {
        return parse(read(file), file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * The checks that need the data: the config's splits must be splits of the loaded dataset. An
     * error names the config file and the key's line, like every other config error.
     *
     * @param source the config file the config was read from (its lines are looked up), or a name
     */
    public static void checkAgainstData(TrainConfig config, nn2crn.datasets.Dataset dataset, String source) {
        java.util.Set<String> splits = dataset.splits().keySet();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dataset.train_split", config.dataset().trainSplit());
        values.put("dataset.select_split", config.dataset().selectSplit());
        if (config.simulate() != null && config.simulate().split() != null) {
            values.put("simulate.split", config.simulate().split());
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!splits.contains(e.getValue())) {
                Path file = source == null ? null : Path.of(source);
                String yaml = file != null && Files.isRegularFile(file) ? read(file) : "";
                throw KeyLocations.of(yaml, String.valueOf(source)).error(e.getKey(), "key '" + e.getKey() + "': '"
                        + e.getValue() + "' is not a split of " + dataset.name() + " (" + String.join(", ", splits) + ")");
            }
        }
    }

    /** A config or sweep file's text, or one line saying why it cannot be read. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses and validates YAML text; {@code source} names it in messages ({@code source:line:column: ...}). */
    public static TrainConfig parse(String yaml, String source) {
        return parse(yaml, source, null);
    }

    /**
     * @param baseDir what a relative {@code dataset.path} is relative to (null: the working folder)
     */
    public static TrainConfig parse(String yaml, String source, Path baseDir) {
        KeyLocations keys = KeyLocations.of(yaml, source);
        TrainConfig config;
        try {
            config = YAML.readValue(yaml, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw keys.error(keyPath(e), "unknown key '" + keyPath(e) + "' (known here: " + known + ")");
        } catch (MismatchedInputException e) {
            throw keys.error(keyPath(e), "key '" + keyPath(e) + "': expected " + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(source + (at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":"
                    + at.getColumnNr()) + ": not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (config == null) {
            throw new ConfigException(source + ": empty config");
        }
        return new Validator(keys, baseDir).check(config);
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section (key: value pairs)";
    }

    /** Semantic checks, with defaults filled in where a key may be left out. */
    private record Validator(KeyLocations keys, Path baseDir) {

        ConfigException error(String key, String message) {
            return keys.error(key, "key '" + key + "': " + message);
        }

        /** The keys of a csv dataset, refused for the shipped ones. */
        void csvOnly(TrainConfig.DatasetSection d) {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("path", d.path());
            keys.put("label", d.label());
            keys.put("features", d.features());
            keys.put("split", d.split());
            keys.put("standardize", d.standardize());
            keys.put("missing", d.missing());
            keys.forEach((key, value) -> {
                if (value != null) {
                    throw error("dataset." + key, "only a csv dataset has it (name: csv)");
                }
            });
        }

        TrainConfig.DatasetSection csvSection(TrainConfig.DatasetSection d, String trainSplit, long splitSeed) {
            String pathText = required(d.path(), "dataset.path");
            Path file = (baseDir == null ? Path.of(pathText) : baseDir.resolve(pathText)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw error("dataset.path", "no such file " + file);
            }
            String label = required(d.label(), "dataset.label");
            if (label.isBlank()) {
                throw error("dataset.label", "must name the label column");
            }
            if (d.features() != null) {
                if (d.features().isEmpty()) {
                    throw error("dataset.features", "must list at least one column (or leave it out: every numeric column)");
                }
                for (int k = 0; k < d.features().size(); k++) {
                    if (d.features().get(k) == null || d.features().get(k).isBlank()) {
                        throw error("dataset.features[" + k + "]", "must name a column");
                    }
                }
            }
            TrainConfig.CsvSplit split = d.split() == null ? new TrainConfig.CsvSplit(null, null, null, null, null, null)
                    : d.split();
            List<String> splitNames = new ArrayList<>(List.of("all"));
            if (split.column() != null) {
                if (split.train() != null || split.valid() != null || split.test() != null || split.seed() != null
                        || split.stratified() != null) {
                    throw error("dataset.split", "give either a column naming each row's split or the shares, not both");
                }
                splitNames = null; // named by the data
            } else {
                boolean none = split.train() == null && split.valid() == null && split.test() == null;
                double train = none ? 0.7 : split.train() == null ? 0 : split.train();
                double valid = none ? 0.1 : split.valid() == null ? 0 : split.valid();
                double test = none ? 0.2 : split.test() == null ? 0 : split.test();
                for (String key : List.of("train", "valid", "test")) {
                    double share = key.equals("train") ? train : key.equals("valid") ? valid : test;
                    if (!(share >= 0 && share <= 1)) {
                        throw error("dataset.split." + key, "must be a share between 0 and 1, is " + share);
                    }
                }
                if (!(train > 0)) {
                    throw error("dataset.split.train", "must be above 0 (the network is fitted on it)");
                }
                if (Math.abs(train + valid + test - 1) > 1e-9) {
                    throw error("dataset.split", "the shares must add up to 1 (train " + train + " + valid " + valid
                            + " + test " + test + ")");
                }
                split = new TrainConfig.CsvSplit(train, valid, test, split.seed() == null ? splitSeed : split.seed(),
                        split.stratified() == null || split.stratified(), null);
                splitNames.add("train");
                if (valid > 0) {
                    splitNames.add("valid");
                }
                if (test > 0) {
                    splitNames.add("test");
                }
            }
            String standardize = d.standardize() == null ? "train" : d.standardize();
            if (!standardize.equals("none") && splitNames != null && !splitNames.contains(standardize)) {
                throw error("dataset.standardize", "'" + standardize + "' is not none or a split ("
                        + String.join(", ", splitNames) + ")");
            }
            String missing = d.missing() == null ? "error" : d.missing();
            if (!missing.equals("error") && !missing.equals("drop")) {
                throw error("dataset.missing", "'" + missing + "' is not one of error, drop");
            }
            String selectSplit = d.selectSplit() != null ? d.selectSplit()
                    : splitNames == null || splitNames.contains("valid") ? "valid" : trainSplit;
            for (String key : List.of("train_split", "select_split")) {
                String value = key.equals("train_split") ? trainSplit : selectSplit;
                if (splitNames != null && !splitNames.contains(value)) {
                    throw error("dataset." + key, "'" + value + "' is not a split of this dataset ("
                            + String.join(", ", splitNames) + ")");
                }
            }
            return new TrainConfig.DatasetSection(CsvSpec.NAME, CsvSpec.VARIANT, d.splitSeed() == null ? splitSeed
                    : d.splitSeed(), trainSplit, selectSplit, file.toString(), label, d.features(), split, standardize,
                    missing);
        }

        <T> T required(T value, String key) {
            if (value == null) {
                throw error(key, "is required");
            }
            return value;
        }

        TrainConfig check(TrainConfig c) {
            String name = required(c.name(), "name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw error("name", "must be letters, digits, '_', '-' or '.' (it names the run folder)");
            }
            long seed = c.seed() == null ? 1 : c.seed();

            TrainConfig.DatasetSection d = required(c.dataset(), "dataset");
            String dataset = required(d.name(), "dataset.name");
            if (!Datasets.NAMES.contains(dataset)) {
                throw error("dataset.name", "'" + dataset + "' is not one of " + String.join(", ", Datasets.NAMES));
            }
            String variant = d.variant() == null ? Datasets.defaultVariant(dataset) : d.variant();
            if (!Datasets.variants(dataset).contains(variant)) {
                throw error("dataset.variant", "'" + variant + "' is not one of "
                        + String.join(", ", Datasets.variants(dataset)));
            }
            String trainSplit = d.trainSplit() == null ? "train" : d.trainSplit();
            long splitSeed = d.splitSeed() == null ? 42 : d.splitSeed();
            if ("test".equals(d.selectSplit())) {
                throw error("dataset.select_split", "the test split is reported, never selected on (use valid, or train)");
            }
            TrainConfig.DatasetSection dataSection;
            if (dataset.equals(CsvSpec.NAME)) {
                dataSection = csvSection(d, trainSplit, splitSeed);
            } else {
                csvOnly(d);
                String selectSplit = d.selectSplit() == null ? (dataset.equals("iris") ? trainSplit : "valid")
                        : d.selectSplit();
                dataSection = new TrainConfig.DatasetSection(dataset, variant, splitSeed, trainSplit, selectSplit);
            }

            TrainConfig.NetworkSection n = required(c.network(), "network");
            List<Integer> hidden = n.hidden() == null ? List.of() : n.hidden();
            for (int k = 0; k < hidden.size(); k++) {
                if (hidden.get(k) == null || hidden.get(k) < 1) {
                    throw error("network.hidden[" + k + "]", "layer sizes must be positive integers");
                }
            }
            String weights = n.weights() == null ? "binary" : n.weights();
            try {
                WeightMode.parse(weights);
            } catch (IllegalArgumentException e) {
                throw error("network.weights", e.getMessage());
            }
            double threshold = n.ternaryThreshold() == null ? 0.15 : n.ternaryThreshold();
            if (!(threshold >= 0 && threshold < 1)) {
                throw error("network.ternary_threshold", "must be in [0, 1) (latent weights lie in [-1, 1])");
            }
            String activation = n.activation() == null ? "relu" : n.activation();
            if (!activation.equals("relu") && !activation.equals("smooth-relu")) {
                throw error("network.activation", "'" + activation + "' is not one of relu, smooth-relu");
            }
            double eps = n.eps() == null ? 0.01 : n.eps();
            if (!(eps > 0)) {
                throw error("network.eps", "must be positive");
            }
            if (activation.equals("relu") && n.eps() != null) {
                throw error("network.eps", "applies to smooth-relu only");
            }
            String weightScale = n.weightScale() == null ? "none" : n.weightScale();
            if (!weightScale.equals("none") && !weightScale.equals("glorot")) {
                throw error("network.weight_scale", "'" + weightScale + "' is not one of none, glorot");
            }
            if (weightScale.equals("glorot") && (activation.equals("smooth-relu") || weights.equals("real"))) {
                throw error("network.weight_scale", "glorot needs relu hidden layers and binary or ternary weights"
                        + " (the scale is folded into the biases at export, which only ReLU allows)");
            }
            int maxFanout = n.maxFanout() == null ? 0 : n.maxFanout();
            if (maxFanout < 0) {
                throw error("network.max_fanout", "must be 0 (no cap) or a positive number of weights");
            }
            double sparsity = n.sparsity() == null ? 0 : n.sparsity();
            if (!(sparsity >= 0 && sparsity < 1)) {
                throw error("network.sparsity", "must be a share in [0, 1)");
            }
            if ((maxFanout > 0 || sparsity > 0) && weights.equals("real")) {
                throw error(maxFanout > 0 ? "network.max_fanout" : "network.sparsity",
                        "needs binary or ternary weights (a budget counts nonzero integer weights)");
            }
            String prune = n.prune() == null ? "none" : n.prune();
            if (!TrainConfig.NetworkSection.PRUNE_VALUES.contains(prune)) {
                throw error("network.prune", "'" + prune + "' is not one of none, exact, inactive");
            }
            TrainConfig.NetworkSection netSection = new TrainConfig.NetworkSection(hidden, weights, threshold,
                    activation, eps, weightScale, maxFanout, sparsity, prune);

            TrainConfig.TrainingSection t = required(c.training(), "training");
            String loss = t.loss() == null ? "squared-hinge" : t.loss();
            if (!loss.equals("squared-hinge") && !loss.equals("cross-entropy")) {
                throw error("training.loss", "'" + loss + "' is not one of squared-hinge, cross-entropy");
            }
            int batch = positive(t.batchSize() == null ? 32 : t.batchSize(), "training.batch_size");
            int epochs = positive(required(t.epochs(), "training.epochs"), "training.epochs");
            double lrStart = required(t.lrStart(), "training.lr_start");
            double lrEnd = t.lrEnd() == null ? lrStart : t.lrEnd();
            if (!(lrStart > 0)) {
                throw error("training.lr_start", "must be positive");
            }
            if (!(lrEnd > 0 && lrEnd <= lrStart)) {
                throw error("training.lr_end", "must be positive and at most lr_start");
            }
            double inputDropout = probability(t.inputDropout(), "training.input_dropout");
            double hiddenDropout = probability(t.hiddenDropout(), "training.hidden_dropout");
            int patience = t.patience() == null ? epochs : positive(t.patience(), "training.patience");
            TrainConfig.TrainingSection trainSection = new TrainConfig.TrainingSection(loss, batch, epochs,
                    lrStart, lrEnd, inputDropout, hiddenDropout, patience);
            TrainConfig.CompileSection compile = compileSection(c.compile());
            return new TrainConfig(name, c.description(), seed, dataSection, netSection, trainSection,
                    compile, simulateSection(c.simulate()), dnaSection(c.dna(), compile));
        }

        TrainConfig.CompileSection compileSection(TrainConfig.CompileSection c) {
            if (c == null) {
                c = new TrainConfig.CompileSection(null, null, null, null);
            }
            List<String> schemes = c.schemes() == null ? List.of("rate-independent") : c.schemes();
            if (schemes.isEmpty()) {
                throw error("compile.schemes", "must name at least one scheme");
            }
            for (int k = 0; k < schemes.size(); k++) {
                if (!List.of("rate-independent", "smooth-relu").contains(schemes.get(k))) {
                    throw error("compile.schemes[" + k + "]", "'" + schemes.get(k) + "' is not one of rate-independent, smooth-relu");
                }
            }
            if (c.eps() != null && !(c.eps() > 0)) {
                throw error("compile.eps", "must be positive");
            }
            String reduce = c.reduce() == null ? "true" : c.reduce();
            if (!TrainConfig.CompileSection.REDUCE_VALUES.contains(reduce)) {
                throw error("compile.reduce", "'" + reduce + "' is not one of true, false, only");
            }
            List<String> readouts = c.readout() == null || c.readout().isEmpty() ? List.of("rails") : c.readout();
            for (int k = 0; k < readouts.size(); k++) {
                String readout = readouts.get(k);
                String key = readouts.size() == 1 ? "compile.readout" : "compile.readout[" + k + "]";
                if (readout == null || !TrainConfig.CompileSection.READOUT_VALUES.contains(readout)) {
                    throw error(key, "'" + readout + "' is not one of rails, subtract, wta");
                }
                if (!readout.equals("rails") && !schemes.contains("rate-independent")) {
                    throw error(key, "'" + readout + "' reads dual-rail outputs: it needs the rate-independent scheme"
                            + " in compile.schemes");
                }
                if (readouts.indexOf(readout) != k) {
                    throw error(key, "'" + readout + "' is given twice");
                }
            }
            return new TrainConfig.CompileSection(List.copyOf(schemes), reduce,
                    c.shiftInputs() != null && c.shiftInputs(), c.eps(), List.copyOf(readouts));
        }

        TrainConfig.SimulateSection simulateSection(TrainConfig.SimulateSection s) {
            if (s == null) {
                s = new TrainConfig.SimulateSection(null, null, null, null, null, null, null, null, null, null);
            }
            int limit = s.limit() == null ? 0 : s.limit();
            if (limit < 0) {
                throw error("simulate.limit", "must be 0 (all) or a positive number of examples");
            }
            double tMax = s.tMax() == null ? 50 : s.tMax();
            if (!(tMax > 0)) {
                throw error("simulate.t_max", "must be positive");
            }
            String solver = s.solver() == null ? "auto" : s.solver();
            if (!List.of("auto", "dopri5", "rodas4", "rosenbrock", "dp54", "dp853").contains(solver)) {
                throw error("simulate.solver", "'" + solver + "' is not one of auto, dopri5, rodas4, rosenbrock, dp54, dp853");
            }
            double rtol = s.rtol() == null ? 1e-6 : s.rtol();
            double atol = s.atol() == null ? 1e-9 : s.atol();
            if (!(rtol > 0)) {
                throw error("simulate.rtol", "must be positive");
            }
            if (!(atol > 0)) {
                throw error("simulate.atol", "must be positive");
            }
            String errorScale = s.errorScale() == null ? "state" : s.errorScale();
            if (!List.of("state", "peak").contains(errorScale)) {
                throw error("simulate.error_scale", "'" + errorScale + "' is not one of state, peak");
            }
            if (errorScale.equals("peak") && solver.startsWith("dp")) {
                throw error("simulate.error_scale", "'peak' needs one of nn2crn's own solvers (auto, dopri5, rosenbrock, "
                        + "rodas4), not " + solver);
            }
            int draws = s.rateDraws() == null ? 0 : s.rateDraws();
            if (draws < 0) {
                throw error("simulate.rate_draws", "must be 0 or more");
            }
            int drawLimit = s.rateDrawLimit() == null ? 100 : s.rateDrawLimit();
            if (drawLimit < 0) {
                throw error("simulate.rate_draw_limit", "must be 0 (all) or more");
            }
            List<Integer> plots = s.plotExamples() == null ? List.of(0, 1, 2) : s.plotExamples();
            for (int k = 0; k < plots.size(); k++) {
                if (plots.get(k) == null || plots.get(k) < 0) {
                    throw error("simulate.plot_examples[" + k + "]", "must be an example index (0 or more)");
                }
            }
            double spread = s.wtaRateSpread() == null ? TrainConfig.SimulateSection.DEFAULT_WTA_RATE_SPREAD
                    : s.wtaRateSpread();
            if (!(spread > 0 && spread < 1)) {
                throw error("simulate.wta_rate_spread", "must be a fraction in (0, 1): each rate factor in [1 - s, 1 + s]");
            }
            return new TrainConfig.SimulateSection(s.split(), limit, tMax, solver, rtol, atol, errorScale, draws, drawLimit,
                    List.copyOf(plots), spread);
        }

        TrainConfig.DnaSection dnaSection(TrainConfig.DnaSection d, TrainConfig.CompileSection compile) {
            if (d == null) {
                return null;
            }
            String scheme = d.scheme() == null ? DnaTranslation.DEFAULT_SCHEME : d.scheme();
            if (!DnaTranslation.SCHEMES.contains(scheme)) {
                throw error("dna.scheme", "'" + scheme + "' is not one of " + String.join(", ", DnaTranslation.SCHEMES));
            }
            if (!compile.schemes().contains("rate-independent")) {
                throw error("dna", "needs the rate-independent scheme in compile.schemes (it translates that CRN)");
            }
            List<Boolean> compiled = compile.rateIndependentVariants();
            List<String> crns = d.crns() != null ? d.crns() : List.of(compiled.contains(true) ? "reduced" : "plain");
            if (crns.isEmpty()) {
                throw error("dna.crns", "must name at least one of plain, reduced");
            }
            for (int k = 0; k < crns.size(); k++) {
                if (!TrainConfig.DnaSection.CRN_VALUES.contains(crns.get(k))) {
                    throw error("dna.crns[" + k + "]", "'" + crns.get(k) + "' is not one of plain, reduced");
                }
                if (!compiled.contains(crns.get(k).equals("reduced"))) {
                    throw error("dna.crns[" + k + "]", "the " + crns.get(k) + " CRN is not compiled (see compile.reduce)");
                }
            }
            double unit = d.unitNm() == null ? 10 : d.unitNm();
            if (!(unit > 0) || Double.isInfinite(unit)) {
                throw error("dna.unit_nM", "must be a positive concentration in nM");
            }
            List<Double> units = d.kineticsUnitNm() == null ? List.of(unit) : d.kineticsUnitNm();
            if (units.isEmpty()) {
                throw error("dna.kinetics_unit_nM", "must give at least one concentration");
            }
            for (int k = 0; k < units.size(); k++) {
                if (units.get(k) == null || !(units.get(k) > 0) || units.get(k).isInfinite()) {
                    throw error("dna.kinetics_unit_nM[" + k + "]", "must be a positive concentration in nM");
                }
            }
            double fuel = d.fuelNm() == null ? 100 : d.fuelNm();
            if (!(fuel > 0) || Double.isInfinite(fuel)) {
                throw error("dna.fuel_nM", "must be a positive concentration in nM");
            }
            int toehold = positive(d.toeholdNt() == null ? 5 : d.toeholdNt(), "dna.toehold_nt");
            int domain = positive(d.domainNt() == null ? 15 : d.domainNt(), "dna.domain_nt");
            List<Double> readout = d.readout() == null ? List.of(600.0, 1800.0, 3600.0, 14_400.0, 36_000.0, 86_400.0)
                    : d.readout();
            if (readout.isEmpty()) {
                throw error("dna.readout", "must give at least one time");
            }
            for (int k = 0; k < readout.size(); k++) {
                if (readout.get(k) == null || !(readout.get(k) > 0) || readout.get(k).isInfinite()
                        || (k > 0 && readout.get(k) <= readout.get(k - 1))) {
                    throw error("dna.readout[" + k + "]", "read-out times must be positive and increasing (seconds)");
                }
            }
            double leak = d.leakRate() == null ? nn2crn.dna.DnaOptions.DEFAULT_LEAK_PER_NM_S : d.leakRate();
            if (!(leak >= 0) || Double.isInfinite(leak)) {
                throw error("dna.leak_rate", "must be a rate >= 0 (/nM/s)");
            }
            double gateLeak = probability(d.gateLeak(), "dna.gate_leak");
            int limit = d.limit() == null ? 0 : d.limit();
            if (limit < 0) {
                throw error("dna.limit", "must be 0 (all) or a positive number of examples");
            }
            Integer maxStrand = d.maxStrandNt();
            if (maxStrand != null) {
                nn2crn.dna.DnaOptions lengths = new nn2crn.dna.DnaOptions(toehold, domain, unit, fuel, 0, 0);
                if (DnaTranslation.maxProducts(maxStrand, lengths) < 0) {
                    throw error("dna.max_strand_nt", maxStrand + " nt is shorter than the scheme's shortest strands allow ("
                            + DnaTranslation.shortestCap(lengths) + " nt with " + toehold + "-nt toeholds and " + domain
                            + "-nt domains)");
                }
            }
            double readoutFuel = d.readoutFuelNm() == null ? nn2crn.dna.DnaOptions.READOUT_FUEL_FACTOR * fuel
                    : d.readoutFuelNm();
            if (!(readoutFuel > 0) || Double.isInfinite(readoutFuel)) {
                throw error("dna.readout_fuel_nM", "must be a positive concentration in nM");
            }
            List<String> readouts = d.readouts() == null ? compile.readouts() : d.readouts();
            if (readouts.isEmpty()) {
                throw error("dna.readouts", "must name at least one of the compiled read-outs " + compile.readouts());
            }
            for (int k = 0; k < readouts.size(); k++) {
                if (!compile.readouts().contains(readouts.get(k))) {
                    throw error("dna.readouts[" + k + "]", "'" + readouts.get(k) + "' is not a compiled read-out (compile.readout: "
                            + String.join(", ", compile.readouts()) + ")");
                }
            }
            int colours = d.colours() == null ? nn2crn.dna.readout.AliquotPlan.DEFAULT_COLOURS : d.colours();
            if (colours < 1) {
                throw error("dna.colours", "must be at least 1 dye per well");
            }
            List<String> dyes = d.dyes() == null ? nn2crn.dna.readout.AliquotPlan.DEFAULT_DYES.stream()
                    .map(nn2crn.dna.readout.AliquotPlan.Dye::name).toList() : d.dyes();
            for (int k = 0; k < dyes.size(); k++) {
                try {
                    nn2crn.dna.readout.AliquotPlan.Dye.parse(dyes.get(k) == null ? "" : dyes.get(k));
                } catch (IllegalArgumentException e) {
                    throw error("dna.dyes[" + k + "]", e.getMessage());
                }
            }
            if (dyes.size() < colours) {
                throw error("dna.dyes", colours + " colours per well need " + colours + " dyes, " + dyes.size() + " given");
            }
            return new TrainConfig.DnaSection(scheme, List.copyOf(crns), unit, List.copyOf(units), fuel, toehold, domain,
                    List.copyOf(readout), leak, gateLeak, limit, maxStrand, List.copyOf(readouts), colours,
                    List.copyOf(dyes), readoutFuel);
        }

        int positive(int value, String key) {
            if (value < 1) {
                throw error(key, "must be a positive integer");
            }
            return value;
        }

        double probability(Double value, String key) {
            double p = value == null ? 0 : value;
            if (!(p >= 0 && p < 1)) {
                throw error(key, "must be a probability in [0, 1)");
            }
            return p;
        }
    }
}
