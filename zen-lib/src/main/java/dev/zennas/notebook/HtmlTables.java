package dev.zennas.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders Tablesaw tables as compact, escaped HTML tables with a row limit. */
public final class HtmlTables {

    /** Rows shown by default; longer tables show their head and a note with the number of hidden rows. */
    public static final int DEFAULT_MAX_ROWS = 40;

    private HtmlTables() {
    }

    /** The table as HTML, at most {@code maxRows} rows (the first ones), with a caption giving its shape. */
    public static String html(Table table, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        int rows = table.rowCount();
        int shown = Math.min(rows, maxRows);
        StringBuilder b = new StringBuilder(256 + 64 * shown * Math.max(1, table.columnCount()));
        b.append("<table class=\"zen-table\" style=\"border-collapse:collapse;font-size:12px\">\n");
        b.append("<caption style=\"text-align:left;font-weight:bold;padding:2px 4px\">")
                .append(HtmlPage.escape(table.name() == null ? "" : table.name()))
                .append(" <span style=\"font-weight:normal;color:#666\">(").append(rows).append(rows == 1 ? " row" : " rows")
                .append(" &times; ").append(table.columnCount()).append(" columns)</span></caption>\n<thead><tr>");
        boolean[] numeric = new boolean[table.columnCount()];
        for (int c = 0; c < table.columnCount(); c++) {
            Column<?> col = table.column(c);
            numeric[c] = col.type().name().matches("INTEGER|LONG|SHORT|DOUBLE|FLOAT");
            b.append("<th style=\"border-bottom:1px solid #999;padding:2px 8px;text-align:")
                    .append(numeric[c] ? "right" : "left").append("\">").append(HtmlPage.escape(col.name()))
                    .append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            b.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                b.append("<td style=\"padding:1px 8px;text-align:").append(numeric[c] ? "right" : "left")
                        .append(";font-family:monospace\">").append(HtmlPage.escape(table.column(c).getString(r)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        if (shown < rows) {
            b.append("<tr><td colspan=\"").append(Math.max(1, table.columnCount()))
                    .append("\" style=\"color:#666;padding:2px 8px\">&hellip; ").append(rows - shown)
                    .append(" more rows</td></tr>\n");
        }
        b.append("</tbody></table>");
        return b.toString();
    }
}
