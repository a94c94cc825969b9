package nn2crn.datasets;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated table read with DataVec's {@link CSVRecordReader}: its column names and its
 * cells as trimmed text, one row per non-blank line, with the line each row came from (for
 * messages). Quoted cells may hold commas.
 *
 * @param source what messages call the table (its file)
 * @param lines  the 1-based line of each row
 */
public record CsvTable(String source, List<String> header, List<List<String>> rows, int[] lines) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** Reads a file whose first line names the columns. */
    public static CsvTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file");
        }
        return read(new FileSplit(file.toFile()), file.toString(), null);
    }

    /** Reads a stream without a header line, naming the columns. */
    public static CsvTable read(InputStream in, String source, List<String> columns) {
        return read(new InputStreamInputSplit(in), source, columns);
    }

    private static CsvTable read(InputSplit split, String source, List<String> columns) {
        List<List<String>> cells = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        CSVRecordReader reader = new CSVRecordReader(0, ',', '"');
        try {
            reader.initialize(split);
            int line = 0;
            while (reader.hasNext()) {
                List<Writable> record = reader.next();
                line++;
                List<String> row = new ArrayList<>(record.size());
                for (Writable w : record) {
                    row.add(w.toString().trim());
                }
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue; // a blank line
                }
                cells.add(row);
                lineNumbers.add(line);
            }
        } catch (IOException | InterruptedException e) {
            throw new DataException(source + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // DataVec reports an unterminated quote and the like as runtime errors
            throw new DataException(source + ": not a readable CSV file (" + e.getMessage() + ")", e);
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
        List<String> header = columns;
        if (header == null) {
            if (cells.isEmpty()) {
                throw new DataException(source + ": the file is empty (expected a header line naming the columns)");
            }
            header = cells.remove(0);
            lineNumbers.remove(0);
        }
        if (cells.isEmpty()) {
            throw new DataException(source + ": no rows below the header");
        }
        for (int r = 0; r < cells.size(); r++) {
            if (cells.get(r).size() != header.size()) {
                throw new DataException(source + ": line " + lineNumbers.get(r) + ": expected " + header.size()
                        + " columns, found " + cells.get(r).size());
            }
        }
        return new CsvTable(source, header, cells, lineNumbers.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The index of a column, or a message naming the columns there are. */
    public int column(String name, String role) {
        int index = header.indexOf(name);
        if (index < 0) {
            // a file with another delimiter reads as one column holding the whole header line
            String delimiter = header.size() == 1 ? header.get(0).contains(";") ? "semicolons"
                    : header.get(0).contains("\t") ? "tabs" : null : null;
            throw new DataException(source + ": no " + role + " column '" + name + "' (columns: "
                    + String.join(", ", header) + ")" + (delimiter == null ? "" : "; the header line is separated by "
                    + delimiter + ", but nn2crn reads comma-separated files: save it as CSV with commas"));
        }
        return index;
    }

    public String cell(int row, int column) {
        return rows.get(row).get(column);
    }
}
