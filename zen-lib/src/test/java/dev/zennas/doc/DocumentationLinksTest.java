package dev.zennas.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link of the README, the changelog and docs/ resolves: the file exists, and so does the heading. */
class DocumentationLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /** Written by {@code zen reproduce}, not by hand: a link to it is checked once the report exists. */
    private static final String GENERATED_REPORT = "docs/reproduction.md";

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = RepositoryFiles.root();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CHANGELOG.md")));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents) {
            for (String target : links(Files.readString(doc))) {
                checked++;
                String problem = problem(doc, target);
                boolean reportNotYetBuilt = doc.getParent().resolve(target.replaceAll("#.*", "")).normalize()
                        .equals(root.resolve(GENERATED_REPORT)) && "no such file".equals(problem);
                if (problem != null && !reportNotYetBuilt) broken.add(root.relativize(doc) + ": " + target + " (" + problem + ")");
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(20);
        assertThat(broken).as("broken relative links").isEmpty();
    }

    @Test
    void slugsFollowGitHubsRules() {
        assertThat(slugs("# Zen-Score speed\n## `zen arch info ARCH [--json]`\n## T19. The standalone script\n"
                + "## Notes\n## Notes\n```\n# not a heading\n```\n"))
                .containsExactly("zen-score-speed", "zen-arch-info-arch---json", "t19-the-standalone-script", "notes",
                        "notes-1");
    }

    @Test
    void aMissingFileOrHeadingIsReported() throws IOException {
        Path dir = Files.createTempDirectory("links");
        Path doc = Files.writeString(dir.resolve("a.md"), "# Title\n[x](b.md) [y](#title) [z](#nope) [w](a.md#title)\n");
        assertThat(links(Files.readString(doc))).containsExactly("b.md", "#title", "#nope", "a.md#title");
        assertThat(problem(doc, "b.md")).isEqualTo("no such file");
        assertThat(problem(doc, "#title")).isNull();
        assertThat(problem(doc, "#nope")).isEqualTo("no such heading");
        assertThat(problem(doc, "a.md#title")).isNull();
        assertThat(problem(doc, "https://example.org/x")).isNull();
    }

    /** Link targets outside code spans and fenced blocks. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\\R")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) continue;
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) out.add(m.group(1));
        }
        return out;
    }

    /** Why {@code target}, linked from {@code doc}, does not resolve; null when it does or is not relative. */
    static String problem(Path doc, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) return null; // https:, mailto:, …
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) return "no such file";
        if (hash < 0 || !resolved.toString().endsWith(".md")) return null;
        try {
            return slugs(Files.readString(resolved)).contains(target.substring(hash + 1)) ? null : "no such heading";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static List<String> slugs(String markdown) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\\R")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) continue;
            String text = m.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
            StringBuilder slug = new StringBuilder();
            text.toLowerCase().codePoints().forEach(c -> {
                if (c == ' ') slug.append('-');
                else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') slug.appendCodePoint(c);
            });
            String base = slug.toString();
            int n = seen.merge(base, 1, Integer::sum) - 1;
            String unique = n == 0 ? base : base + "-" + n;
            out.add(unique);
        }
        return out;
    }
}
