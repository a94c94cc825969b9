package nn2crn.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key (and each list item) of a YAML document stands, by its path ({@code training.lr_end},
 * {@code network.hidden[1]}), so that every config error names the line and column of the key it
 * is about. Reading the document also refuses duplicate keys, of which YAML parsers otherwise let
 * the last one win.
 */
public final class KeyLocations {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;
    private final Map<String, JsonLocation> locations;

    private KeyLocations(String source, Map<String, JsonLocation> locations) {
        this.source = source;
        this.locations = locations;
    }

    public static KeyLocations of(String yaml, String source) {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.FIELD_NAME) {
                    String key = path(context);
                    JsonLocation at = parser.currentTokenLocation();
                    if (locations.putIfAbsent(key, at) != null) {
                        throw new ConfigException(prefix(source, at) + "duplicate key '" + key + "' (first on line "
                                + locations.get(key).getLineNr() + "; each key may appear once in its section)");
                    }
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // the new container's position is in its parent: a list item needs its own location
                    if (context.getParent() != null && context.getParent().inArray()) {
                        locations.putIfAbsent(path(context.getParent()), parser.currentTokenLocation());
                    }
                } else if (token.isScalarValue() && context.inArray()) {
                    locations.put(path(context), parser.currentTokenLocation());
                }
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw new ConfigException(prefix(source, e.getLocation()) + "not valid YAML (" + shorten(message) + ")");
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // SnakeYAML's own exceptions (nesting limits, bad documents) surface here
            throw new ConfigException(source + ": not valid YAML (" + shorten(String.valueOf(e.getMessage())) + ")");
        }
        return new KeyLocations(source, locations);
    }

    /** {@code source:line:column: message}, at the key of {@code path} or, if absent, the nearest enclosing one. */
    public ConfigException error(String path, String message) {
        return new ConfigException(prefix(source, find(path)) + message);
    }

    private JsonLocation find(String path) {
        String p = path;
        while (!p.isEmpty()) {
            JsonLocation at = locations.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return null;
    }

    private static String prefix(String source, JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? source + ": " : source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": ";
    }

    private static String shorten(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    /** {@code a.b[2].c} for the context's current position. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
