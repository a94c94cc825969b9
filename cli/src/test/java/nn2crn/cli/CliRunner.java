package nn2crn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI in-process and captures what it prints. */
record CliRunner(int exitCode, String out, String err) {

    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRunner(code, out.toString(), err.toString());
    }

    /** Runs a command that must be refused: this exit code, the expected text in the first error line, no trace. */
    static void refused(int code, String expected, String... args) {
        CliRunner r = run(args);
        assertEquals(code, r.exitCode(), String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().lines().findFirst().orElse("").contains(expected), String.join(" ", args) + " -> " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
