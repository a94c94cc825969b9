package nn2crn.dna;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The statements of dsdobjects' PIL grammar ({@code dsdobjects/dsdparser/pil_parser.py}, read for
 * this test) that our files use, as regular expressions: an identifier is letters, digits, '_' and
 * '-'; a number is digits with an optional fraction and a lower-case exponent (no sign before it,
 * no capital E); a species list in a reaction has at least one name on each side; a concentration
 * is {@code @initial} or {@code @constant}, a number and a unit. Comments start with '#'.
 */
final class PilGrammar {

    private static final String ID = "[A-Za-z0-9_-]+";
    private static final String NUMBER = "[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?";
    private static final String SPECIES = ID + "(\\s*\\+\\s*" + ID + ")*";
    private static final String SENSE = ID + "\\^?\\*?";
    private static final String KERNEL_TOKEN = "(" + SENSE + "\\(|\\)|\\+|" + SENSE + ")";

    private static final List<Pattern> STATEMENTS = List.of(
            Pattern.compile("length\\s+" + ID + "\\*?\\s*[=:]\\s*([0-9]+|short|long)"),
            Pattern.compile("macrostate\\s+" + ID + "\\s*=\\s*\\[\\s*" + ID + "(\\s*,\\s*" + ID + ")*\\s*\\]"),
            Pattern.compile("reaction\\s*(\\[\\s*(" + ID + "\\s*[=:]\\s*)?" + NUMBER + "\\s*(/(M|mM|uM|nM|pM))*/(s|m|h)"
                    + "\\s*\\])?\\s*" + SPECIES + "\\s*->\\s*" + SPECIES),
            Pattern.compile(ID + "\\s*=\\s*" + KERNEL_TOKEN + "(\\s+" + KERNEL_TOKEN + ")*"
                    + "(\\s*@\\s*(initial|i|constant|c)\\s+" + NUMBER + "\\s+(M|mM|uM|nM|pM))?"));

    private PilGrammar() {
    }

    /** Fails naming the first line that is not a statement of the grammar, and checks brackets balance. */
    static void check(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        int statements = 0;
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (STATEMENTS.stream().noneMatch(p -> p.matcher(line).matches())) {
                fail(file.getFileName() + ":" + (l + 1) + ": not a statement of dsdobjects' PIL grammar: " + line);
            }
            if (!line.startsWith("reaction") && !line.startsWith("macrostate") && !line.startsWith("length")) {
                String kernel = line.replaceFirst("@.*", "");
                long opened = kernel.chars().filter(c -> c == '(').count();
                long closed = kernel.chars().filter(c -> c == ')').count();
                assertTrue(opened == closed, file.getFileName() + ":" + (l + 1) + ": brackets do not balance");
            }
            statements++;
        }
        assertTrue(statements > 0, "an empty file");
    }
}
