package nn2crn.cli;

/**
 * The flags that apply to the whole invocation ({@code --verbose}, {@code --quiet}), accepted before
 * or after the command: {@link Main} takes them out of the arguments and keeps them here for the
 * command that runs (per thread, as tests run several invocations in one JVM).
 */
final class GlobalFlags {

    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    private GlobalFlags() {
    }

    static boolean quiet() {
        return QUIET.get();
    }

    static void setQuiet(boolean quiet) {
        QUIET.set(quiet);
    }
}
