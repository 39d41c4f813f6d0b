package dev.zennas.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class PrintedDecimalsTest {

    @Test
    void thePrintoutIsRoundedAndTheDataKeepsFullPrecision() {
        DoubleColumn ratio = DoubleColumn.create("ratio", 1.0271253205338944, 2.1492701982947646);
        DoubleColumn untouched = DoubleColumn.create("other", 0.123456789, 0.5);
        Table t = Table.create("t", ratio, untouched);
        PrintedDecimals.set(3, ratio);
        String printed = t.printAll();
        assertThat(printed).contains("1.027").contains("2.149").doesNotContain("1.02712").contains("0.123456789");
        assertThat(ratio.get(0)).isEqualTo(1.0271253205338944);
    }
}
