package dev.zennas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zennas.doc.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliReferenceTest {

    @Test
    void docsCliMdListsEveryCommandWithItsCurrentOptions() throws IOException {
        String doc = Files.readString(RepositoryFiles.root().resolve("docs/cli.md"));
        assertThat(CliReference.problems(doc))
                .as("docs/cli.md is out of step with the commands; regenerate its usage blocks with "
                        + "java -cp \"zen-cli/target/zen-cli.jar:zen-cli/target/lib/*:zen-lib/target/zen-lib.jar:zen-lib/target/lib/*\" dev.zennas.cli.CliReference docs/cli.md"
                        + " (after mvn -q -B -DskipTests package -pl zen-lib,zen-cli)")
                .isEmpty();
    }

    @Test
    void everyCommandOfTheTreeIsListedWithItsOptions() {
        Map<String, String> usages = CliReference.usages();
        assertThat(usages.keySet()).contains("zen", "zen arch info", "zen score", "zen correlate", "zen search report",
                "zen bench train", "zen train study", "zen eval", "zen latency table build");
        assertThat(usages.get("zen score")).startsWith("Usage: zen score").contains("--convention=A|B|C");
    }

    @Test
    void aMissingAStaleAndAnUnknownBlockAreReported() {
        Map<String, String> usages = CliReference.usages();
        StringBuilder doc = new StringBuilder("# Reference\n");
        usages.forEach((name, usage) -> {
            if (name.equals("zen eval")) return; // missing
            String text = name.equals("zen score") ? usage.replace("--json", "--jsn") : usage; // stale
            doc.append("\n").append(CliReference.block(name, text)).append("\n");
        });
        doc.append("\n").append(CliReference.block("zen frobnicate", "Usage: zen frobnicate\n")).append("\n");

        assertThat(CliReference.problems(doc.toString()))
                .containsExactlyInAnyOrder("missing: zen eval", "stale: zen score", "no such command: zen frobnicate");
    }

    @Test
    void updateRepairsTheBlocksAndKeepsTheProse() {
        String doc = "# Reference\n\nProse that stays.\n\n" + CliReference.block("zen score", "Usage: zen score (old)\n")
                + "\n\nMore prose.\n\n" + CliReference.block("zen gone", "Usage: zen gone\n") + "\n";
        String updated = CliReference.update(doc);

        assertThat(CliReference.problems(updated)).isEmpty();
        assertThat(updated).contains("Prose that stays.", "More prose.", "### `zen eval`").doesNotContain("(old)", "zen gone");
        assertThat(CliReference.update(updated)).isEqualTo(updated);
    }
}
