package nn2crn.dna.sequences;

/** Nucleotides as 2-bit codes (A 0, C 1, G 2, T 3, so that the complement of b is 3 - b). */
final class Nt {

    static final String LETTERS = "ACGT";

    private Nt() {
    }

    static int code(char c) {
        return switch (c) {
            case 'A' -> 0;
            case 'C' -> 1;
            case 'G' -> 2;
            case 'T' -> 3;
            default -> -1;
        };
    }

    static char complement(char c) {
        return switch (c) {
            case 'A' -> 'T';
            case 'C' -> 'G';
            case 'G' -> 'C';
            case 'T' -> 'A';
            default -> c;
        };
    }

    static String reverseComplement(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = s.length() - 1; i >= 0; i--) {
            b.append(complement(s.charAt(i)));
        }
        return b.toString();
    }

    /** The longest run of one base in s. */
    static int longestRun(String s) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = i > 0 && s.charAt(i) == s.charAt(i - 1) ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }
}
