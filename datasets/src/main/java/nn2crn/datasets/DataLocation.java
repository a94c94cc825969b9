package nn2crn.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where dataset files live, and why that folder was chosen.
 * Precedence: the {@code --data-dir} option, then the {@code NN2CRN_DATA} environment variable,
 * then the per-user cache folder ({@code $XDG_CACHE_HOME/nn2crn/datasets}, else
 * {@code ~/.cache/nn2crn/datasets}).
 */
public record DataLocation(Path dir, String source) {

    public static final String ENV_VAR = "NN2CRN_DATA";

    /** Resolves from the real environment and user home. */
    public static DataLocation resolve(Path option) {
        return resolve(option, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static DataLocation resolve(Path option, Map<String, String> env, Path userHome) {
        if (option != null) {
            return new DataLocation(option.toAbsolutePath().normalize(), "--data-dir");
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataLocation(Path.of(fromEnv).toAbsolutePath().normalize(), ENV_VAR);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cacheRoot = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
        return new DataLocation(cacheRoot.resolve("nn2crn").resolve("datasets").toAbsolutePath().normalize(),
                "default cache");
    }

    @Override
    public String toString() {
        return dir + " (from " + source + ")";
    }
}
