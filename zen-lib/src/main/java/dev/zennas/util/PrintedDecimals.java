package dev.zennas.util;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How many decimals a printed table shows. Only the printout is rounded: the data itself (CSV, JSON, plots) keeps
 * full precision, so a reader sees 1.027 where the file keeps 1.0271253205338944.
 */
public final class PrintedDecimals {

    private PrintedDecimals() {
    }

    /** Prints {@code columns} with {@code decimals} decimals (thousands grouped). */
    public static void set(int decimals, DoubleColumn... columns) {
        for (DoubleColumn c : columns) {
            c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        }
    }
}
