package nn2crn.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import nn2crn.train.ConfigException;
import nn2crn.train.ConfigLoader;
import nn2crn.train.KeyLocations;
import nn2crn.train.TrainConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file ({@code configs/sweeps/*.yaml}): a base config, points (every combination of a
 * {@code grid} of overrides, plus a list of {@code points}), seeds, and how each point is judged.
 * Every point's config is built and validated when the sweep is read, before any work.
 *
 * <pre>
 * name: iris-budget
 * base: ../iris.yaml                 # relative to this file
 * seeds: [1, 2, 3, 4, 5]
 * grid:
 *   network.hidden: [[2], [3], [4]]
 *   network.max_fanout: [0, 2]
 * points:
 *   - {network.hidden: [8], network.weights: ternary}
 * simulate_limit: 0                  # examples of the simulate split each CRN is checked on (0: all)
 * </pre>
 *
 * @param baseYaml the base config's text, as read
 */
public record SweepConfig(String name, String description, Path file, Path base, String baseYaml, List<Long> seeds,
                          List<Point> points, int simulateLimit) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Set<String> KEYS = Set.of("name", "description", "base", "seeds", "grid", "points",
            "simulate_limit");

    /** One point: its overrides of the base config (dotted keys), and the config they give (seed 1). */
    public record Point(String id, Map<String, Object> overrides, TrainConfig config) {

        public String describe() {
            List<String> parts = new ArrayList<>();
            overrides.forEach((k, v) -> parts.add(k + "=" + v));
            return parts.isEmpty() ? "base" : String.join(" ", parts);
        }
    }

    /** Whether a YAML file is a sweep rather than a config: it names a base config. */
    public static boolean isSweep(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            return root != null && root.isObject() && root.has("base") && !root.has("dataset");
        } catch (IOException e) {
            return false; // unreadable or not YAML: the config loader says why
        }
    }

    public static SweepConfig load(Path file) {
        String text = ConfigLoader.read(file);
        KeyLocations keys = KeyLocations.of(text, file.toString());
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a sweep (name, base, seeds, grid and/or points)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw keys.error(key, "unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted()
                        .toList()) + ")");
            }
        }
        String name = text(root, "name", keys);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw keys.error("name", "key 'name': must be letters, digits, '_', '-' or '.' (it names the output folder)");
        }
        Path base = file.toAbsolutePath().getParent().resolve(text(root, "base", keys)).normalize();
        String baseYaml;
        try {
            baseYaml = Files.readString(base);
        } catch (IOException e) {
            throw keys.error("base", "key 'base': cannot read " + base);
        }
        ConfigLoader.parse(baseYaml, base.toString()); // the base alone must be valid
        List<Long> seeds = new ArrayList<>();
        JsonNode seedsNode = root.path("seeds");
        if (seedsNode.isMissingNode()) {
            seeds.add(1L);
        } else if (!seedsNode.isArray() || seedsNode.isEmpty()) {
            throw keys.error("seeds", "key 'seeds': must be a non-empty list of integers");
        } else {
            for (int k = 0; k < seedsNode.size(); k++) {
                if (!seedsNode.get(k).canConvertToLong() || !seedsNode.get(k).isIntegralNumber()) {
                    throw keys.error("seeds[" + k + "]", "key 'seeds[" + k + "]': must be an integer");
                }
                seeds.add(seedsNode.get(k).asLong());
            }
        }
        int limit = root.path("simulate_limit").asInt(0);
        if (root.has("simulate_limit") && (!root.get("simulate_limit").isIntegralNumber() || limit < 0)) {
            throw keys.error("simulate_limit", "key 'simulate_limit': must be 0 (all) or a number of examples");
        }
        List<Overrides> overrides = expand(root, keys);
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < overrides.size(); k++) {
            String id = "p" + (k + 1);
            Map<String, Object> values = overrides.get(k).values();
            TrainConfig config;
            try {
                config = ConfigLoader.parse(pointYaml(baseYaml, base.getParent(), values, name + "-" + id, 1),
                        "point " + id + " " + values);
            } catch (ConfigException e) {
                // at the grid or list entry that made the point, with what the config check said
                throw keys.error(overrides.get(k).from(), e.getMessage());
            }
            points.add(new Point(id, values, config));
        }
        if (points.isEmpty()) {
            throw new ConfigException(file + ": no points (give a grid and/or points)");
        }
        return new SweepConfig(name, root.path("description").asText(null), file, base, baseYaml, List.copyOf(seeds),
                List.copyOf(points), limit);
    }

    private static String text(JsonNode root, String key, KeyLocations keys) {
        JsonNode node = root.get(key);
        if (node == null || !node.isTextual()) {
            throw keys.error(key, "key '" + key + "': " + (node == null ? "is required" : "must be a string"));
        }
        return node.asText();
    }

    /** A point's overrides, and the key of the sweep file they came from (for error messages). */
    private record Overrides(Map<String, Object> values, String from) {
    }

    /** Every combination of the grid (in the file's order, last key fastest), then the listed points. */
    private static List<Overrides> expand(JsonNode root, KeyLocations keys) {
        List<Overrides> out = new ArrayList<>();
        JsonNode grid = root.path("grid");
        if (!grid.isMissingNode()) {
            if (!grid.isObject()) {
                throw keys.error("grid", "key 'grid': must map keys of the config (network.hidden) to lists of values");
            }
            List<Map<String, Object>> combos = new ArrayList<>(List.of(new LinkedHashMap<>()));
            for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    throw keys.error("grid." + e.getKey(), "key 'grid." + e.getKey() + "': must be a non-empty list of values");
                }
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> combo : combos) {
                    for (JsonNode v : e.getValue()) {
                        Map<String, Object> m = new LinkedHashMap<>(combo);
                        m.put(e.getKey(), YAML.convertValue(v, Object.class));
                        next.add(m);
                    }
                }
                combos = next;
            }
            combos.forEach(c -> out.add(new Overrides(c, "grid")));
        }
        JsonNode points = root.path("points");
        if (!points.isMissingNode()) {
            if (!points.isArray()) {
                throw keys.error("points", "key 'points': must be a list of maps of overrides");
            }
            for (int k = 0; k < points.size(); k++) {
                if (!points.get(k).isObject()) {
                    throw keys.error("points[" + k + "]", "key 'points[" + k + "]': must be a map of overrides");
                }
                Map<String, Object> m = new LinkedHashMap<>();
                points.get(k).fields().forEachRemaining(e -> m.put(e.getKey(), YAML.convertValue(e.getValue(), Object.class)));
                out.add(new Overrides(m, "points[" + k + "]"));
            }
        }
        return out;
    }

    /**
     * The YAML of a point's config: the base with the overrides set (dotted keys, sections created as
     * needed), the name and the seed; its {@code dna} section is dropped (a sweep costs the design,
     * it does not simulate it) and so are the rate draws. A relative {@code dataset.path} (a csv
     * dataset) is made absolute against the base config's folder, so any executor finds it.
     */
    public static String pointYaml(String baseYaml, Path baseDir, Map<String, Object> overrides, String name, long seed) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(baseYaml);
            if (root.path("dataset").path("path").isTextual() && baseDir != null) {
                ((ObjectNode) root.get("dataset")).put("path", baseDir.resolve(root.get("dataset").get("path").asText())
                        .toAbsolutePath().normalize().toString());
            }
            root.remove("dna");
            if (root.path("simulate").isObject()) {
                ((ObjectNode) root.get("simulate")).remove("rate_draws");
            }
            overrides.forEach((key, value) -> {
                String[] parts = key.split("\\.");
                ObjectNode node = root;
                for (int p = 0; p < parts.length - 1; p++) {
                    JsonNode child = node.get(parts[p]);
                    node = child instanceof ObjectNode o ? o : node.putObject(parts[p]);
                }
                node.set(parts[parts.length - 1], YAML.valueToTree(value));
            });
            root.put("name", name);
            root.put("seed", seed);
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot build the point's config: " + e.getOriginalMessage());
        }
    }
}
