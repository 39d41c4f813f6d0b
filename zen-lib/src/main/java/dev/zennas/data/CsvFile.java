package dev.zennas.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader for the benchmark CSV exports (comma separated, one header line, no quoting). Values are parsed
 * on access, and every parse error names the file, the line and the column.
 *
 * <p>Why not Tablesaw's reader: the exports use {@code -inf}, {@code inf} and empty cells as sentinels, and
 * Tablesaw's type detection turns those into string columns. The records built from this reader are turned into
 * Tablesaw tables afterwards.
 */
final class CsvFile {
    private final Path file;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private CsvFile(Path file) {
        this.file = file;
    }

    static CsvFile read(Path file, String... requiredColumns) {
        CsvFile csv = new CsvFile(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new MalformedDataException(file, "the file is empty (expected a header line)");
            }
            String[] names = header.strip().split(",", -1);
            for (int i = 0; i < names.length; i++) {
                csv.columns.put(names[i].strip(), i);
            }
            for (String required : requiredColumns) {
                if (!csv.columns.containsKey(required)) {
                    throw new MalformedDataException(file, "missing column '" + required + "' (header: " + header + ")");
                }
            }
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new MalformedDataException(file, "line " + lineNo + " has " + cells.length
                            + " fields, the header has " + names.length);
                }
                csv.rows.add(cells);
            }
        } catch (IOException e) {
            throw new MalformedDataException(file, "cannot be read: " + e.getMessage(), e);
        }
        return csv;
    }

    Path file() {
        return file;
    }

    int size() {
        return rows.size();
    }

    boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    String string(int row, String column) {
        return rows.get(row)[index(column)].strip();
    }

    int integer(int row, String column) {
        String s = string(row, column);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(row, column, "'" + s + "' is not an integer");
        }
    }

    long longValue(int row, String column) {
        String s = string(row, column);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(row, column, "'" + s + "' is not an integer");
        }
    }

    /** Parses a double; {@code inf}, {@code -inf}, {@code nan} and empty cells (missing: NaN) are accepted. */
    double real(int row, String column) {
        String s = string(row, column);
        switch (s.toLowerCase()) {
            case "":
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw error(row, column, "'" + s + "' is not a number");
                }
        }
    }

    MalformedDataException error(int row, String column, String problem) {
        // +2: one for the header, one because lines count from 1 (blank lines are not expected in these files).
        return new MalformedDataException(file, "line " + (row + 2) + ", column '" + column + "': " + problem);
    }

    private int index(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new MalformedDataException(file, "missing column '" + column + "'");
        }
        return i;
    }
}
