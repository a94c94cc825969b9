package nn2crn.dna.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.crn.CrnText;
import nn2crn.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code order/} folder of a sequenced design: plate files in the layout vendors' plate uploads
 * take ({@code Well Position,Name,Sequence}), plate maps (CSV and PNG), the tube list, every strand
 * with its scale and purification, the annealing recipe, the pipetting plan of one reaction, and a
 * README that says it in words. Written all at once: a failure leaves no half order.
 */
public final class OrderFiles {

    public static final String FOLDER = "order";
    public static final String PLAN_FILE = "plan.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OrderFiles() {
    }

    /**
     * @param plan   the pipetting plan of one reaction, or null when none fits ({@code noPlan} says why)
     */
    public static void write(OrderSheet sheet, AnnealingRecipe annealing, PipettingPlan plan, String noPlan,
                             List<String> header, Path dir) {
        AtomicFiles.writeFolder(dir, temp -> {
            for (OrderSheet.Plate plate : sheet.plates()) {
                String base = "plate-" + plate.number();
                AtomicFiles.writeString(temp.resolve(base + ".csv"), csv(List.of("Well Position", "Name", "Sequence"),
                        plate.wells().stream().map(l -> List.of(l.well(), l.name(), l.sequence())).toList()));
                AtomicFiles.writeString(temp.resolve(base + "-map.csv"), plateMap(plate));
                drawPlate(plate, temp.resolve(base + "-map.png"));
            }
            if (!sheet.tubes().isEmpty()) {
                AtomicFiles.writeString(temp.resolve("tubes.csv"), csv(List.of("Name", "Sequence", "Scale", "Purification"),
                        sheet.tubes().stream().map(l -> List.of(l.name(), l.sequence(), l.scale(), l.purification()))
                                .toList()));
            }
            AtomicFiles.writeString(temp.resolve("strands.csv"), csv(List.of("name", "role", "length_nt", "sequence",
                            "plate", "well", "scale", "purification", "5prime_modification", "3prime_modification"),
                    sheet.lines().stream().map(l -> List.of(l.name(), l.role(), Integer.toString(l.lengthNt()),
                            l.sequence(), l.plate() == 0 ? "tube" : Integer.toString(l.plate()), l.well(), l.scale(),
                            l.purification(), l.fivePrimeModification(), l.threePrimeModification())).toList()));
            AtomicFiles.writeString(temp.resolve("annealing.csv"), csv(List.of("complex", "strand", "role", "ratio",
                            "strand_uM", "complex_uM"),
                    annealing.complexes().stream().flatMap(c -> c.parts().stream().map(p -> List.of(c.name(),
                            p.strand(), p.role(), CrnText.number(p.ratio()), CrnText.number(p.uM()),
                            CrnText.number(c.complexUM())))).toList()));
            if (plan != null) {
                AtomicFiles.writeString(temp.resolve("pipetting.csv"), csv(List.of("component", "kind", "final_nM",
                                "stock_uM", "dilute_stock_1_to", "volume_uL"),
                        plan.steps().stream().map(s -> List.of(s.component(), s.kind(), CrnText.number(s.finalNM()),
                                CrnText.number(s.stockUM()), Integer.toString(s.dilution()),
                                String.format(Locale.ROOT, "%.3f", s.volumeUL()))).toList()));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("volume_uL", plan.volumeUL());
                json.put("strand_stock_uM", plan.strandStockUM());
                json.put("complex_stock_uM", plan.complexStockUM());
                json.put("min_uL", plan.minUL());
                json.put("master_mix_uL", plan.masterVolumeUL());
                AtomicFiles.writeString(temp.resolve(PLAN_FILE), JSON.writeValueAsString(json) + "\n");
            }
            AtomicFiles.writeString(temp.resolve("README.md"), readme(sheet, annealing, plan, noPlan, header));
        });
    }

    static String csv(List<String> header, List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            p.printRecord(header);
            for (List<String> r : rows) {
                p.printRecord(r);
            }
        }
        return out.toString();
    }

    /** The plate as its 8 x 12 grid of strand names. */
    static String plateMap(OrderSheet.Plate plate) throws IOException {
        String[][] grid = new String[8][12];
        for (OrderSheet.Line l : plate.wells()) {
            grid[l.well().charAt(0) - 'A'][Integer.parseInt(l.well().substring(1)) - 1] = l.name();
        }
        List<String> header = new java.util.ArrayList<>(List.of(""));
        for (int c = 1; c <= 12; c++) {
            header.add(Integer.toString(c));
        }
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 8; r++) {
            List<String> row = new java.util.ArrayList<>(List.of(String.valueOf((char) ('A' + r))));
            for (int c = 0; c < 12; c++) {
                row.add(grid[r][c] == null ? "" : grid[r][c]);
            }
            rows.add(row);
        }
        return csv(header, rows);
    }

    /** The plate map as a picture: one circle per well, filled where a strand goes, with its name. */
    static void drawPlate(OrderSheet.Plate plate, Path file) throws IOException {
        int cell = 96;
        int margin = 40;
        BufferedImage image = new BufferedImage(margin + 12 * cell + 10, margin + 8 * cell + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Plate " + plate.number() + " (" + plate.purification() + ", " + plate.wells().size() + " strands)",
                margin, image.getHeight() - 12);
        for (int c = 0; c < 12; c++) {
            g.drawString(Integer.toString(c + 1), margin + c * cell + cell / 2 - 6, 24);
        }
        for (int r = 0; r < 8; r++) {
            g.drawString(String.valueOf((char) ('A' + r)), 12, margin + r * cell + cell / 2 + 6);
        }
        Map<String, OrderSheet.Line> byWell = new LinkedHashMap<>();
        plate.wells().forEach(l -> byWell.put(l.well(), l));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int c = 0; c < 12; c++) {
            for (int r = 0; r < 8; r++) {
                String well = (char) ('A' + r) + Integer.toString(c + 1);
                int x = margin + c * cell + 4;
                int y = margin + r * cell + 4;
                OrderSheet.Line line = byWell.get(well);
                g.setColor(line == null ? new Color(245, 245, 245) : roleColor(line.role()));
                g.fillOval(x, y, cell - 8, cell - 8);
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1));
                g.drawOval(x, y, cell - 8, cell - 8);
                if (line != null) {
                    g.setColor(Color.BLACK);
                    String name = line.name();
                    // two lines of at most 14 characters: enough to find a strand in the CSV map
                    g.drawString(name.substring(0, Math.min(14, name.length())), x + 6, y + cell / 2 - 6);
                    if (name.length() > 14) {
                        g.drawString(name.substring(14, Math.min(28, name.length())), x + 6, y + cell / 2 + 8);
                    }
                }
            }
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    private static Color roleColor(String role) {
        if (role.startsWith("signal")) {
            return new Color(166, 206, 227);
        }
        if (role.contains("bottom")) {
            return new Color(253, 191, 111);
        }
        if (role.contains("helper")) {
            return new Color(178, 223, 138);
        }
        return new Color(251, 154, 153);
    }

    static String readme(OrderSheet sheet, AnnealingRecipe annealing, PipettingPlan plan, String noPlan,
                         List<String> header) {
        StringBuilder md = new StringBuilder("# Order, annealing and pipetting\n\n");
        header.forEach(h -> md.append(h).append("\n\n"));
        md.append("## Order\n\n");
        sheet.summary().forEach(l -> md.append("- ").append(l.strip()).append('\n'));
        md.append("\nPlate files (`plate-N.csv`: Well Position, Name, Sequence; filled column-wise, A1, B1, ..., H1, A2)"
                + " are what vendors' plate uploads take; set each plate's scale and purification in the order form"
                + " (`strands.csv` lists both for every strand). Strands in a complex of two or more strands are"
                + " PAGE-purified: a truncated gate or translator strand leaves a domain open and the gate leaks."
                + " Strands used alone are desalted. Scales are a default by length (up to 60 nt 25 nmol, up to 100"
                + " nt 100 nmol, up to 200 nt a 4 nmol long-oligo synthesis): check your vendor's.\n\n");
        md.append("## Annealing\n\nEach complex of `annealing.csv` at ").append(CrnText.number(annealing.annealUM()))
                .append(" uM: its top strands (output, helper, product strands) at 1.0x, its bottom strand at ")
                .append(CrnText.number(AnnealingRecipe.BOTTOM_EXCESS)).append("x, so that no top strand is left single"
                        + " (a free output or product strand acts as the signal itself; a free bottom strand only binds a"
                        + " little input). Buffer: ").append(AnnealingRecipe.BUFFER).append(". Ramp: ")
                .append(AnnealingRecipe.RAMP).append(". Expected: each complex at ")
                .append(CrnText.number(annealing.annealUM())).append(" uM (the top strands' concentration), ")
                .append(annealing.complexes().size()).append(" complexes.\n\n");
        if (plan == null) {
            md.append("## One reaction\n\nNo pipetting plan: ").append(noPlan).append(".\n");
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "## One reaction (%s uL)%n%nMaster mix from `pipetting.csv`: every fuel and"
                        + " every signal with a fixed amount, %d components, %.2f uL in all (stocks: strands %s uM,"
                        + " annealed complexes %s uM; a volume under %s uL is pipetted from a 1:10^k dilution in"
                        + " buffer, column dilute_stock_1_to). The per-sample input strands come on top:"
                        + " `nn2crn dna mix --design DIR --samples raw.csv`. Buffer makes up the rest.%n",
                CrnText.number(plan.volumeUL()), plan.steps().size(), plan.masterVolumeUL(),
                CrnText.number(plan.strandStockUM()), CrnText.number(plan.complexStockUM()), CrnText.number(plan.minUL())));
        return md.toString();
    }
}
