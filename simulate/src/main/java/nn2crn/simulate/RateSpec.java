package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.Reaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which rate constants to simulate with: {@code uniform} (the CRN's own, 1 for compiled
 * rate-independent CRNs), {@code random:LOW:HIGH:SEED} (each reaction's constant multiplied by a
 * factor drawn log-uniformly from [LOW, HIGH]), {@code spread:P:SEED} (each multiplied by a factor
 * drawn uniformly from [1 - P, 1 + P], the spread measured between nominally equal DNA gates) or a
 * file with one rate constant per reaction (in the order of the .crn file; '#' comments and blank
 * lines ignored).
 */
public record RateSpec(String text) implements java.io.Serializable {

    public static final RateSpec UNIFORM = new RateSpec("uniform");

    public double[] rates(Crn crn) {
        double[] own = crn.reactions().stream().mapToDouble(Reaction::rate).toArray();
        if (text.equals("uniform")) {
            return own;
        }
        if (text.startsWith("random:")) {
            String[] parts = text.split(":");
            if (parts.length != 4) {
                throw new CrnException("--rates " + text + ": expected random:LOW:HIGH:SEED");
            }
            double low;
            double high;
            long seed;
            try {
                low = Double.parseDouble(parts[1]);
                high = Double.parseDouble(parts[2]);
                seed = Long.parseLong(parts[3]);
            } catch (NumberFormatException e) {
                throw new CrnException("--rates " + text + ": LOW and HIGH must be numbers and SEED an integer");
            }
            if (!(low > 0 && high >= low)) {
                throw new CrnException("--rates " + text + ": need 0 < LOW <= HIGH");
            }
            Random random = new Random(seed);
            double[] rates = new double[own.length];
            for (int r = 0; r < rates.length; r++) {
                rates[r] = own[r] * Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
            }
            return rates;
        }
        if (text.startsWith("spread:")) {
            String[] parts = text.split(":");
            double spread;
            long seed;
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                spread = Double.parseDouble(parts[1]);
                seed = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                throw new CrnException("--rates " + text + ": expected spread:P:SEED (P a fraction, SEED an integer)");
            }
            if (!(spread >= 0 && spread < 1)) {
                throw new CrnException("--rates " + text + ": the spread P must be in [0, 1)");
            }
            Random random = new Random(seed);
            double[] rates = new double[own.length];
            for (int r = 0; r < rates.length; r++) {
                rates[r] = own[r] * (1 - spread + 2 * spread * random.nextDouble());
            }
            return rates;
        }
        Path file = Path.of(text);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new CrnException("--rates " + text + ": not uniform, random:LOW:HIGH:SEED or a readable file");
        }
        List<Double> values = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                double v = Double.parseDouble(line);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new CrnException(file + ":" + (l + 1) + ": '" + line + "' is not a non-negative rate constant");
            }
        }
        if (values.size() != own.length) {
            throw new CrnException(file + ": has " + values.size() + " rate constants, the CRN has " + own.length + " reactions");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        return text;
    }
}
