package nn2crn.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions a report records: nn2crn's own (from the build), Java's, the machine's. */
public final class Versions {

    private Versions() {
    }

    /** "nn2crn 0.1.0-SNAPSHOT" */
    public static String line() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return "nn2crn " + properties.getProperty("version", "unknown");
    }

    static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("nn2crn", line().replace("nn2crn ", ""));
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return v;
    }
}
