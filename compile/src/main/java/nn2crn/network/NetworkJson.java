package nn2crn.network;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nn2crn.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code network.json} (format {@value Network#FORMAT}). Reading validates shapes
 * and values and reports the first problem with the file and the JSON path of the field.
 */
public final class NetworkJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NetworkJson() {
    }

    public static Network read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NetworkFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new NetworkFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses network JSON text; {@code source} names it in error messages. */
    public static Network parse(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // e.g. a syntax error, or nesting deeper than Jackson's limit (a location may be missing then)
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new NetworkFormatException(source + ": not valid JSON (" + where + firstLine(e.getOriginalMessage()) + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new NetworkFormatException(source + ": empty file");
        }
        return fromJson(root, source);
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Parses a network from a JSON tree; {@code source} names it in error messages. */
    public static Network fromJson(JsonNode root, String source) {
        Reader r = new Reader(source);
        if (!root.isObject()) {
            throw r.error("", "expected a JSON object");
        }
        String format = r.text(root, "format");
        if (!Network.FORMAT.equals(format)) {
            throw r.error("format", "is '" + format + "', expected '" + Network.FORMAT + "'");
        }
        String name = root.has("name") ? r.text(root, "name") : "network";
        int inputs = r.positiveInt(root, "inputs");
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw r.error("layers", "must be a non-empty array");
        }
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l < layersNode.size(); l++) {
            Layer layer = r.layer(layersNode.get(l), "layers[" + l + "]", fanIn);
            layers.add(layer);
            fanIn = layer.units();
        }
        List<String> inputNames = root.has("input_names")
                ? r.strings(root.get("input_names"), "input_names", inputs) : defaultNames("x", inputs);
        List<String> classes = root.has("classes")
                ? r.strings(root.get("classes"), "classes", fanIn) : defaultNames("y", fanIn);
        Map<String, Object> preprocessing = root.has("preprocessing")
                ? MAPPER.convertValue(root.get("preprocessing"), Map.class) : Map.of();
        InputRange range = root.has("input_range") ? r.inputRange(root.get("input_range"), inputs) : null;
        return new Network(name, inputs, inputNames, classes, preprocessing, range, layers);
    }

    private static List<String> defaultNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Validating accessors that build error messages from the JSON path. */
    private record Reader(String source) {

        NetworkFormatException error(String path, String message) {
            return new NetworkFormatException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }

        String text(JsonNode parent, String field) {
            JsonNode node = parent.get(field);
            if (node == null || !node.isTextual()) {
                throw error(field, node == null ? "missing" : "must be a string");
            }
            return node.asText();
        }

        int positiveInt(JsonNode parent, String field) {
            JsonNode node = parent.get(field);
            if (node == null || !node.isIntegralNumber() || node.asInt() < 1) {
                throw error(field, node == null ? "missing" : "must be a positive integer");
            }
            return node.asInt();
        }

        List<String> strings(JsonNode node, String path, int expected) {
            if (!node.isArray() || node.size() != expected) {
                throw error(path, "must be an array of " + expected + " strings");
            }
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }

        InputRange inputRange(JsonNode node, int inputs) {
            if (!node.isObject()) {
                throw error("input_range", "must be an object with arrays min and max");
            }
            double[] min = numbers(node.get("min"), "input_range.min", inputs);
            double[] max = numbers(node.get("max"), "input_range.max", inputs);
            for (int i = 0; i < inputs; i++) {
                if (min[i] > max[i]) {
                    throw error("input_range.min[" + i + "]", "is above input_range.max[" + i + "]");
                }
            }
            return new InputRange(min, max);
        }

        double[] numbers(JsonNode node, String path, int expected) {
            if (node == null || !node.isArray() || node.size() != expected) {
                throw error(path, "must be an array of " + expected + " numbers");
            }
            double[] values = new double[expected];
            for (int i = 0; i < expected; i++) {
                values[i] = number(node.get(i), path + "[" + i + "]");
            }
            return values;
        }

        double number(JsonNode node, String path) {
            if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
                throw error(path, node == null ? "missing" : "must be a finite number");
            }
            return node.asDouble();
        }

        Layer layer(JsonNode node, String path, int fanIn) {
            if (node == null || !node.isObject()) {
                throw error(path, "must be an object");
            }
            Activation activation;
            try {
                activation = Activation.parse(text(node, "activation"));
            } catch (IllegalArgumentException e) {
                throw error(path + ".activation", e.getMessage());
            } catch (NetworkFormatException e) {
                throw error(path + ".activation", "missing or not a string");
            }
            double eps = 0;
            if (activation == Activation.SMOOTH_RELU) {
                eps = number(node.get("eps"), path + ".eps");
                if (eps <= 0) {
                    throw error(path + ".eps", "must be positive for smooth-relu");
                }
            }
            JsonNode w = node.get("weights");
            if (w == null || !w.isArray() || w.isEmpty()) {
                throw error(path + ".weights", "must be a non-empty array of rows");
            }
            double[][] weights = new double[w.size()][];
            for (int j = 0; j < w.size(); j++) {
                JsonNode row = w.get(j);
                String rowPath = path + ".weights[" + j + "]";
                if (!row.isArray() || row.size() != fanIn) {
                    throw error(rowPath, "must have " + fanIn + " entries (one per input of the layer), has "
                            + (row.isArray() ? row.size() : "none"));
                }
                weights[j] = new double[fanIn];
                for (int i = 0; i < fanIn; i++) {
                    weights[j][i] = number(row.get(i), rowPath + "[" + i + "]");
                }
            }
            JsonNode b = node.get("bias");
            if (b == null || !b.isArray() || b.size() != weights.length) {
                throw error(path + ".bias", "must be an array of " + weights.length + " numbers (one per unit)");
            }
            double[] bias = new double[b.size()];
            for (int j = 0; j < bias.length; j++) {
                bias[j] = number(b.get(j), path + ".bias[" + j + "]");
            }
            return new Layer(activation, eps, weights, bias);
        }
    }

    public static ObjectNode toJson(Network network) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", Network.FORMAT);
        root.put("name", network.name());
        root.put("inputs", network.inputs());
        network.inputNames().forEach(root.putArray("input_names")::add);
        network.classes().forEach(root.putArray("classes")::add);
        root.set("preprocessing", MAPPER.valueToTree(new LinkedHashMap<>(network.preprocessing())));
        if (network.inputRange() != null) {
            ObjectNode range = root.putObject("input_range");
            ArrayNode min = range.putArray("min");
            ArrayNode max = range.putArray("max");
            for (int i = 0; i < network.inputs(); i++) {
                min.add(network.inputRange().min()[i]);
                max.add(network.inputRange().max()[i]);
            }
        }
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : network.layers()) {
            ObjectNode l = layers.addObject();
            l.put("activation", layer.activation().jsonName);
            if (layer.activation() == Activation.SMOOTH_RELU) {
                l.put("eps", layer.eps());
            }
            ArrayNode weights = l.putArray("weights");
            for (double[] row : layer.weights()) {
                ArrayNode r = weights.addArray();
                for (double w : row) {
                    addNumber(r, w);
                }
            }
            ArrayNode bias = l.putArray("bias");
            for (double b : layer.bias()) {
                bias.add(b);
            }
        }
        return root;
    }

    /** Integral values are written as JSON integers, so binary and ternary weights read as -1, 0, 1. */
    private static void addNumber(ArrayNode array, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            array.add((long) value);
        } else {
            array.add(value);
        }
    }

    public static String toJsonString(Network network) {
        try {
            return MAPPER.writer(new RowPerLinePrinter()).writeValueAsString(toJson(network)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the file atomically. */
    public static void write(Network network, Path file) {
        AtomicFiles.writeString(file, toJsonString(network));
    }

    /**
     * Pretty printing with each weight row (and each short array) on one line, so a 196-64-10
     * network stays readable instead of taking one line per weight.
     */
    private static final class RowPerLinePrinter extends DefaultPrettyPrinter {
        RowPerLinePrinter() {
            _arrayIndenter = new DefaultIndenter() {
                @Override
                public boolean isInline() {
                    return false;
                }

                @Override
                public void writeIndentation(JsonGenerator g, int level) throws IOException {
                    JsonStreamContext ctx = g.getOutputContext();
                    String owner = ctx.getParent() == null ? null : ctx.getParent().getCurrentName();
                    if ("weights".equals(owner) || "layers".equals(owner) || "input_range".equals(owner)) {
                        super.writeIndentation(g, level);
                    } else if (ctx.getCurrentIndex() >= 0 && ctx.getEntryCount() > 0) {
                        g.writeRaw(' ');
                    }
                }
            };
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new RowPerLinePrinter();
        }
    }

}
