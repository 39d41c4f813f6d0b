package dev.zennas.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Statistics with confidence intervals as a table for people: one row per key, and for each statistic its estimate
 * (3 decimals, a number column) beside its interval as text ({@code [low, high]}), e.g. Kendall τ and Spearman ρ of
 * several predictors against accuracy.
 */
public final class IntervalTable {

    /** One statistic: its two column names and its value per key. */
    public record Statistic(String estimateColumn, String intervalColumn, Map<String, ConfidenceInterval> values) {
    }

    private IntervalTable() {
    }

    /** The table; rows follow the first statistic's keys, and every statistic must hold each of them. */
    public static Table of(String title, String keyColumn, Statistic... statistics) {
        if (statistics.length == 0) {
            throw new IllegalArgumentException("no statistic to show");
        }
        StringColumn keys = StringColumn.create(keyColumn);
        List<Column<?>> columns = new ArrayList<>();
        columns.add(keys);
        for (Statistic s : statistics) {
            DoubleColumn estimate = DoubleColumn.create(s.estimateColumn());
            StringColumn interval = StringColumn.create(s.intervalColumn());
            for (String key : statistics[0].values().keySet()) {
                ConfidenceInterval ci = s.values().get(key);
                if (ci == null) {
                    throw new IllegalArgumentException(s.estimateColumn() + " has no value for " + key);
                }
                estimate.append(Math.round(ci.estimate() * 1000) / 1000.0);
                interval.append(String.format(Locale.ROOT, "[%.3f, %.3f]", ci.low(), ci.high()));
            }
            columns.add(estimate);
            columns.add(interval);
        }
        keys.addAll(List.copyOf(statistics[0].values().keySet()));
        return Table.create(title, columns.toArray(Column<?>[]::new));
    }
}
