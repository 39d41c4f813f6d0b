package dev.zennas.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTablesTest {

    @Test
    void rendersEscapedCellsWithCaptionAndNumericAlignment() {
        Table t = Table.create("a<b>", StringColumn.create("name", "x&y", "<script>"), IntColumn.create("n", 1, 22));
        String html = HtmlTables.html(t, 10);
        assertThat(html).contains("a&lt;b&gt;").contains("2 rows &times; 2 columns").contains("x&amp;y")
                .contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(html).contains("text-align:right;font-family:monospace\">22</td>");
        assertThat(html).doesNotContain("more rows");
    }

    @Test
    void limitsRowsAndSaysHowManyAreHidden() {
        Table t = Table.create("big", IntColumn.create("i", java.util.stream.IntStream.range(0, 50).toArray()));
        String html = HtmlTables.html(t, 5);
        assertThat(html.split("<tr>").length - 1).isEqualTo(1 + 5 + 1); // header, 5 rows, the note
        assertThat(html).contains("45 more rows").contains(">4</td>").doesNotContain(">5</td>");
    }

    @Test
    void rejectsANonPositiveRowLimit() {
        assertThatThrownBy(() -> HtmlTables.html(Table.create("t"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRows");
    }
}
