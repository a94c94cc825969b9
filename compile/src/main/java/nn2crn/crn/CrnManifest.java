package nn2crn.crn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: what a wet lab needs besides the reactions (counts, concentrations, the
 * input and output maps, per species its role), and what {@link CrnFiles#read} needs to rebuild
 * the full CRN from {@code network.crn}.
 */
public final class CrnManifest {

    public static final String FORMAT = "nn2crn.crn-manifest/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CrnManifest() {
    }

    public static ObjectNode toJson(Crn crn, ConcentrationUnit unit) {
        return toJson(crn, unit, null);
    }

    /**
     * @param chosenUnit   null for {@link ConcentrationUnit#DEFAULT}
     * @param preprocessing the source network's preprocessing record ({@code Network.preprocessing()},
     *                      per-feature {@code mean} and {@code std} lists where it has them), or null
     */
    public static ObjectNode toJson(Crn crn, ConcentrationUnit chosenUnit, Map<String, Object> preprocessing) {
        ConcentrationUnit unit = chosenUnit == null ? ConcentrationUnit.DEFAULT : chosenUnit;
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", crn.name());
        root.set("info", MAPPER.valueToTree(crn.info()));
        ObjectNode u = root.putObject("concentration_unit");
        u.put("unit", unit.unit().name());
        u.put("value", unit.value());
        u.put("chosen", chosenUnit != null);
        u.put("meaning", crn.implementation() == null ? "1 network unit of concentration = " + unit
                + "; rate constants of order n scaled by value^(1 - n) in the SBML export; time in seconds"
                : "this CRN's concentrations are in " + unit + " units and its rate constants per " + unit.unit()
                + " and second; one network unit of the formal CRN = " + CrnText.number(crn.implementation().unitValue())
                + " " + crn.implementation().unitName() + " (implementation)");
        ObjectNode counts = root.putObject("counts");
        counts.put("species", crn.species().size());
        counts.put("reactions", crn.reactions().size());
        Map<String, Integer> speciesByRole = new TreeMap<>();
        Map<Integer, int[]> byLayer = new TreeMap<>();
        for (Species s : crn.species()) {
            speciesByRole.merge(s.role().jsonName(), 1, Integer::sum);
            byLayer.computeIfAbsent(s.layer(), l -> new int[2])[0]++;
        }
        Map<Integer, Integer> byOrder = new TreeMap<>();
        for (Reaction r : crn.reactions()) {
            byLayer.computeIfAbsent(r.layer(), l -> new int[2])[1]++;
            byOrder.merge(r.order(), 1, Integer::sum);
        }
        CrnSize size = CrnSize.of(crn);
        counts.set("species_by_role", MAPPER.valueToTree(speciesByRole));
        ArrayNode layers = counts.putArray("by_layer");
        byLayer.forEach((layer, c) -> {
            ObjectNode l = layers.addObject();
            if (layer < 0) {
                l.put("layer", "inputs");
            } else {
                l.put("layer", layer);
            }
            l.put("species", c[0]);
            l.put("reactions", c[1]);
        });
        ObjectNode orders = counts.putObject("reactions_by_order");
        byOrder.forEach((order, n) -> orders.put(Integer.toString(order), n));
        counts.put("total_products", size.totalProducts());
        counts.put("max_fan_out", size.maxFanOut());
        counts.put("max_stoichiometry", size.maxStoichiometry());
        counts.put("max_input_coefficient", crn.inputs().stream()
                .flatMap(in -> java.util.stream.Stream.concat(in.positive().stream(), in.negative().stream()))
                .mapToInt(Term::count).max().orElse(0));
        double total = crn.species().stream().mapToDouble(Species::initial).sum();
        counts.put("total_initial_concentration", total);
        counts.put("total_initial_concentration_" + unit.unit().name(), unit.concentration(total));
        List<String> inert = CrnText.inert(crn).stream().map(Species::name).toList();
        counts.put("species_in_no_reaction", inert.size());
        if (!inert.isEmpty()) {
            root.set("species_in_no_reaction", MAPPER.valueToTree(inert));
        }

        root.set("rate_constants", rateConstants(crn));
        if (preprocessing != null) {
            // inputs enter in network units times the unit (an implementing CRN's own unit value)
            ConcentrationUnit inputUnit = crn.implementation() == null ? unit
                    : new ConcentrationUnit(unit.unit(), crn.implementation().unitValue());
            root.set("preprocessing", preprocessing(crn, inputUnit, preprocessing));
        }
        root.set("readout", readout(crn));

        if (crn.implementation() != null) {
            ObjectNode impl = root.putObject("implementation");
            impl.put("meaning", "each formal species is carried by the listed species (its signal variants); its "
                    + "concentration is their sum; one network unit = unit_value " + crn.implementation().unitName());
            impl.put("unit_value", crn.implementation().unitValue());
            impl.put("unit", crn.implementation().unitName());
            impl.set("formal_species", MAPPER.valueToTree(crn.implementation().formalSpecies()));
        }
        ArrayNode inputs = root.putArray("inputs");
        for (CrnInput in : crn.inputs()) {
            ObjectNode i = inputs.addObject();
            i.put("feature", in.feature());
            i.put("name", in.name());
            i.put("shift", in.shift());
            i.put("dual_rail", in.dualRail());
            i.set("positive", terms(in.positive()));
            i.set("negative", terms(in.negative()));
        }
        ArrayNode outputs = root.putArray("outputs");
        for (CrnOutput out : crn.outputs()) {
            ObjectNode o = outputs.addObject();
            o.put("name", out.name());
            o.put("positive", out.positive());
            if (out.negative() != null) {
                o.put("negative", out.negative());
            }
        }
        ArrayNode species = root.putArray("species");
        for (Species s : crn.species()) {
            ObjectNode o = species.addObject();
            o.put("name", s.name());
            o.put("role", s.role().jsonName());
            o.put("layer", s.layer());
            o.put("initial", s.initial());
            o.put("initial_" + unit.unit().name(), unit.concentration(s.initial()));
        }
        return root;
    }

    /** The rate constants in network units, in network.crn's reaction order (listed unless all equal). */
    private static ObjectNode rateConstants(Crn crn) {
        ObjectNode rates = MAPPER.createObjectNode();
        double[] k = crn.reactions().stream().mapToDouble(Reaction::rate).toArray();
        double min = java.util.Arrays.stream(k).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(k).max().orElse(Double.NaN);
        rates.put("meaning", "mass-action rate constants per network unit of concentration and second, one per "
                + "reaction of network.crn (in its order); the SBML file has them in its units");
        rates.put("reactions", k.length);
        if (k.length > 0) {
            rates.put("min", min);
            rates.put("max", max);
        }
        if (min == max) {
            rates.put("all", min);
        } else {
            ArrayNode values = rates.putArray("values");
            for (double v : k) {
                values.add(v);
            }
        }
        return rates;
    }

    /**
     * From a raw measurement to input concentrations: the network's preprocessing (per feature its
     * mean and std where the record has them), the compile shift and the concentration unit.
     */
    private static ObjectNode preprocessing(Crn crn, ConcentrationUnit unit, Map<String, Object> record) {
        ObjectNode p = MAPPER.createObjectNode();
        List<?> mean = record.get("mean") instanceof List<?> l ? l : null;
        List<?> std = record.get("std") instanceof List<?> l ? l : null;
        boolean standardized = mean != null && std != null;
        p.put("formula", (standardized ? "value = (raw - mean) / std" : "value = the preprocessed feature (see record)")
                + "; v = value - shift; add multiplicity * |v| * " + unit + " to each species of the positive rail if "
                + "v >= 0, else of the negative rail (see inputs)");
        Map<String, Object> rest = new LinkedHashMap<>(record);
        rest.remove("mean");
        rest.remove("std");
        p.set("record", MAPPER.valueToTree(rest));
        ArrayNode features = p.putArray("features");
        for (CrnInput in : crn.inputs()) {
            ObjectNode f = features.addObject();
            f.put("feature", in.feature());
            f.put("name", in.name());
            if (standardized && in.feature() < mean.size() && in.feature() < std.size()) {
                f.set("mean", MAPPER.valueToTree(mean.get(in.feature())));
                f.set("std", MAPPER.valueToTree(std.get(in.feature())));
            }
            f.put("shift", in.shift());
            f.put("unit", unit.unit().name());
            f.put("unit_value", unit.value());
        }
        return p;
    }

    /** How to read the answer; {@code suggested_time} is filled in by a simulation ({@link #recordReadoutTime}). */
    private static ObjectNode readout(Crn crn) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("rule", "y_j = [positive] - [negative] (or [positive] for a single rail) once the reactions have run "
                + "to completion; the predicted class is the argmax of y");
        if ("subtract".equals(crn.info().get("readout"))) {
            // nn2crn.compile.SubtractReadout: the annihilations leave [y<j>_pos] = max(y_j + c, 0)
            r.put("stage", "subtract");
            r.set("offset", MAPPER.valueToTree(crn.info().get("readout_offset")));
            r.put("meaning", "every output's bias is raised by the offset c and y<j>_pos + y<j>_neg -> annihilates the "
                    + "rails, so [y<j>_pos] ends at max(y_j + c, 0): the argmax of the network wherever its top output "
                    + "+ c > 0");
            r.set("offset_chosen", MAPPER.valueToTree(crn.info().get("readout_offset_chosen")));
        }
        if ("wta".equals(crn.info().get("readout"))) {
            // nn2crn.compile.WtaReadout: subtract, pairwise annihilation, catalytic restoration
            r.put("stage", "wta");
            r.set("offset", MAPPER.valueToTree(crn.info().get("readout_offset")));
            r.set("offset_chosen", MAPPER.valueToTree(crn.info().get("readout_offset_chosen")));
            r.set("level", MAPPER.valueToTree(crn.info().get("wta_level")));
            r.put("meaning", "winner-take-all after the subtract stage (offset c): the classes' y<j>_pos annihilate "
                    + "pairwise (y<i>_pos + y<j>_pos ->) and each survivor restores y<j>_on from y<j>_supply "
                    + "catalytically, so the winner's y<j>_on rises to the level and the others stay near 0; the "
                    + "predicted class is the one that turns on");
            r.put("rate_dependent", true);
            r.put("rate_dependence", "each y<j>_pos is consumed by its rail's annihilation and by one annihilation per "
                    + "other class, and the restoration runs while a class survives: how far a losing class turns on "
                    + "(and, for late outputs, which class wins) depends on the rates; measure it with nn2crn robustness");
        }
        CrnStructure structure = CrnStructure.of(crn);
        r.put("non_competitive", structure.nonCompetitive());
        r.put("feed_forward", structure.feedForward());
        r.put("rate_independent_final_state", structure.rateIndependent());
        r.put("claim", structure.describe());
        r.putNull("suggested_time");
        return r;
    }

    /** The {@code preprocessing.record} of a compile folder's manifest, or null if it has none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> preprocessingRecord(Path manifest) {
        try {
            JsonNode record = MAPPER.readTree(Files.readString(manifest)).path("preprocessing").path("record");
            if (!record.isObject()) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>(MAPPER.convertValue(record, Map.class));
            // the per-feature mean and std went into preprocessing.features: put them back as lists
            JsonNode features = MAPPER.readTree(Files.readString(manifest)).path("preprocessing").path("features");
            if (features.isArray() && features.size() > 0 && features.get(0).has("mean")) {
                List<Object> mean = new ArrayList<>();
                List<Object> std = new ArrayList<>();
                features.forEach(f -> {
                    mean.add(MAPPER.convertValue(f.get("mean"), Object.class));
                    std.add(MAPPER.convertValue(f.get("std"), Object.class));
                });
                map.put("mean", mean);
                map.put("std", std);
            }
            return map;
        } catch (IOException e) {
            throw new CrnException(manifest + ": not a readable JSON file (" + e.getMessage() + ")");
        }
    }

    /**
     * Records in a compile folder's manifest the read-out time its simulations suggest: the
     * latest time at which any completed example's argmax changed, or at which its outputs came
     * within 1% of their final values, whichever is later (in network time units; seconds with
     * rate constants as given).
     */
    public static void recordReadoutTime(Path manifest, double suggested, Map<String, Object> evidence) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readString(manifest));
            ObjectNode readout = root.has("readout") ? (ObjectNode) root.get("readout") : root.putObject("readout");
            readout.put("suggested_time", suggested);
            readout.set("suggested_time_from", MAPPER.valueToTree(evidence));
            nn2crn.io.AtomicFiles.writeString(manifest, MAPPER.writeValueAsString(root) + "\n");
        } catch (IOException | ClassCastException e) {
            throw new CrnException(manifest + ": cannot record the read-out time (" + e.getMessage() + ")");
        }
    }

    private static ArrayNode terms(List<Term> terms) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Term t : terms) {
            array.addObject().put("species", t.species()).put("count", t.count());
        }
        return array;
    }

    /** The manifest key of the SHA-256 of the {@code network.crn} it was written with. */
    public static final String CRN_CHECKSUM = "crn_sha256";

    /** Records the CRN file's checksum, so that an edit of the CRN after compiling is noticed. */
    public static void recordChecksum(ObjectNode manifest, Path crnFile) {
        manifest.put(CRN_CHECKSUM, nn2crn.datasets.DataStore.sha256(crnFile));
    }

    /**
     * Refuses a compile folder whose {@code network.crn} is not the one its manifest was written
     * with (a reaction removed by hand, say): the manifest's roles and maps would be applied to
     * another CRN without a word. Manifests written before the checksum existed are taken as they are.
     */
    static void checkChecksum(Path manifest, Path crnFile) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(manifest));
        } catch (IOException e) {
            return; // apply() names what is wrong with the manifest
        }
        JsonNode recorded = root == null ? null : root.get(CRN_CHECKSUM);
        if (recorded != null && !recorded.asText().equals(nn2crn.datasets.DataStore.sha256(crnFile))) {
            throw new CrnException(crnFile + ": changed since " + manifest + " was written with it (its SHA-256 is not the "
                    + "manifest's " + CRN_CHECKSUM + "): compile again, or remove " + CRN_CHECKSUM + " from the manifest "
                    + "to use the edited CRN with the manifest's maps");
        }
    }

    public static String toJsonString(Crn crn, ConcentrationUnit unit) {
        return toJsonString(crn, unit, null);
    }

    public static String toJsonString(Crn crn, ConcentrationUnit unit, Map<String, Object> preprocessing) {
        return toJsonString(toJson(crn, unit, preprocessing));
    }

    public static String toJsonString(ObjectNode manifest) {
        try {
            return MAPPER.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CRN of {@code reactionsSource} (its species, initial concentrations and reactions) with
     * the roles, layers, input and output maps and info of the manifest.
     */
    static Crn apply(Path manifest, Crn reactionsSource) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(manifest));
        } catch (NoSuchFileException e) {
            throw new CrnException(manifest + ": no such file");
        } catch (IOException e) {
            throw new CrnException(manifest + ": not a readable JSON file (" + e.getMessage() + ")");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new CrnException(manifest + ": format: expected '" + FORMAT + "'");
        }
        Map<String, JsonNode> described = new HashMap<>();
        Map<String, Integer> order = new HashMap<>();
        root.path("species").forEach(s -> {
            order.put(s.path("name").asText(), order.size());
            described.put(s.path("name").asText(), s);
        });
        // species in no reaction are not in network.crn (crnsimulator refuses them): the manifest has them
        Map<String, Species> fromText = new HashMap<>();
        reactionsSource.species().forEach(s -> fromText.put(s.name(), s));
        List<Species> inManifestOrder = new ArrayList<>(reactionsSource.species());
        described.forEach((name, d) -> {
            if (!fromText.containsKey(name)) {
                inManifestOrder.add(new Species(name, d.path("initial").asDouble(0), SpeciesRole.OTHER, -1));
            }
        });
        inManifestOrder.sort(java.util.Comparator.comparingInt(s -> order.getOrDefault(s.name(), Integer.MAX_VALUE)));
        List<Species> species = new ArrayList<>();
        for (Species s : inManifestOrder) {
            JsonNode d = described.get(s.name());
            if (d == null) {
                species.add(s);
            } else {
                SpeciesRole role;
                try {
                    role = SpeciesRole.valueOf(d.path("role").asText("other").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CrnException(manifest + ": species " + s.name() + ": unknown role '" + d.path("role").asText() + "'");
                }
                species.add(new Species(s.name(), s.initial(), role, d.path("layer").asInt(-1)));
            }
        }
        List<CrnInput> inputs = new ArrayList<>();
        int k = 0;
        for (JsonNode in : root.path("inputs")) {
            String path = "inputs[" + k++ + "]";
            inputs.add(new CrnInput(in.path("feature").asInt(), in.path("name").asText(), in.path("shift").asDouble(),
                    in.path("dual_rail").asBoolean(!in.path("negative").isEmpty()),
                    readTerms(manifest, in.path("positive"), path + ".positive"),
                    readTerms(manifest, in.path("negative"), path + ".negative")));
        }
        List<CrnOutput> outputs = new ArrayList<>();
        for (JsonNode out : root.path("outputs")) {
            outputs.add(new CrnOutput(out.path("name").asText(), out.path("positive").asText(),
                    out.hasNonNull("negative") ? out.get("negative").asText() : null));
        }
        Map<String, Object> info = MAPPER.convertValue(root.path("info"), Map.class);
        Implementation implementation = null;
        JsonNode impl = root.path("implementation");
        if (impl.isObject()) {
            Map<String, List<String>> formal = new LinkedHashMap<>();
            impl.path("formal_species").fields().forEachRemaining(e -> {
                List<String> carriers = new ArrayList<>();
                e.getValue().forEach(c -> carriers.add(c.asText()));
                formal.put(e.getKey(), carriers);
            });
            implementation = new Implementation(impl.path("unit_value").asDouble(Double.NaN),
                    impl.path("unit").asText("nM"), formal);
        }
        try {
            return new Crn(root.path("name").asText(reactionsSource.name()), species, reactionsSource.reactions(),
                    inputs, outputs, info == null ? Map.of() : info, implementation);
        } catch (CrnException e) {
            throw new CrnException(manifest + ": " + e.getMessage());
        }
    }

    private static List<Term> readTerms(Path manifest, JsonNode node, String path) {
        List<Term> terms = new ArrayList<>();
        for (JsonNode t : node) {
            int count = t.path("count").asInt(0);
            if (count < 1 || !t.path("species").isTextual()) {
                throw new CrnException(manifest + ": " + path + ": each entry needs a species name and a positive count");
            }
            terms.add(new Term(t.get("species").asText(), count));
        }
        return terms;
    }
}
