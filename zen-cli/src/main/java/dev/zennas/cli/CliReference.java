package dev.zennas.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The option listings of the command reference ({@code docs/cli.md}), generated from the picocli command tree so that
 * the document cannot drift from the code. The document is hand-written prose and examples around one generated block
 * per command:
 *
 * <pre>
 * &lt;!-- usage: zen arch info --&gt;
 * ```text
 * (the command's --help, ANSI off, 110 columns)
 * ```
 * &lt;!-- end usage --&gt;
 * </pre>
 *
 * {@link #problems} lists every command without a block, every block whose text is stale and every block of a command
 * that no longer exists; {@link #update} rewrites the blocks in place and appends a section for each missing command.
 * Run {@code java -cp "zen-cli/target/zen-cli.jar:zen-cli/target/lib/*:zen-lib/target/zen-lib.jar:zen-lib/target/lib/*" dev.zennas.cli.CliReference docs/cli.md}
 * from the repository root after changing a command (and building: {@code ./zen build}).
 */
public final class CliReference {
    /** Usage width in columns: wide enough for the long option lists, narrow enough to read in a browser. */
    static final int WIDTH = 110;

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- usage: (zen[^>]*?) -->\\n```text\\n(.*?)```\\n<!-- end usage -->", Pattern.DOTALL);

    private CliReference() {}

    /** Every command's qualified name ({@code zen}, {@code zen arch}, {@code zen arch info}, …) mapped to its usage text. */
    public static Map<String, String> usages() {
        CommandLine root = Main.commandLine();
        root.setUsageHelpWidth(WIDTH);
        Map<String, String> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine cmd, Map<String, String> out) {
        out.put(cmd.getCommandSpec().qualifiedName(), normalise(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            // aliases map to the same CommandLine; each command is listed once, under its name
            if (!out.containsKey(sub.getCommandSpec().qualifiedName())) collect(sub, out);
        }
    }

    /** Trailing blanks removed from every line, one final newline: the text as it is stored in the document. */
    static String normalise(String usage) {
        StringBuilder sb = new StringBuilder();
        for (String line : usage.split("\\R", -1)) sb.append(line.stripTrailing()).append('\n');
        return sb.toString().stripTrailing() + "\n";
    }

    /** The generated block of one command. */
    public static String block(String name, String usage) {
        return "<!-- usage: " + name + " -->\n```text\n" + usage + "```\n<!-- end usage -->";
    }

    /** What is wrong with {@code doc}'s blocks, one line per problem; empty when the document is up to date. */
    public static List<String> problems(String doc) {
        Map<String, String> usages = usages();
        Map<String, String> blocks = blocks(doc);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : usages.entrySet()) {
            String found = blocks.get(e.getKey());
            if (found == null) problems.add("missing: " + e.getKey());
            else if (!found.equals(e.getValue())) problems.add("stale: " + e.getKey());
        }
        for (String name : blocks.keySet()) {
            if (!usages.containsKey(name)) problems.add("no such command: " + name);
        }
        return problems;
    }

    /**
     * {@code doc} with every block's text replaced by the current usage, blocks of commands that no longer exist
     * removed, and a section ({@code ### `zen x y`} and its block) appended for each command that has none.
     */
    public static String update(String doc) {
        Map<String, String> usages = usages();
        Matcher m = BLOCK.matcher(doc);
        StringBuilder sb = new StringBuilder();
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1).strip();
            String usage = usages.get(name);
            String replacement = usage == null ? "" : block(name, usage);
            if (usage != null) seen.add(name);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        for (Map.Entry<String, String> e : usages.entrySet()) {
            if (seen.contains(e.getKey())) continue;
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
            sb.append("\n### `").append(e.getKey()).append("`\n\n").append(block(e.getKey(), e.getValue())).append('\n');
        }
        return sb.toString();
    }

    /** The blocks of {@code doc}: command name to the stored usage text. */
    static Map<String, String> blocks(String doc) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) out.put(m.group(1).strip(), m.group(2));
        return out;
    }

    /** Rewrites the blocks of the document given as the only argument (default {@code docs/cli.md}). */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/cli.md");
        String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Command reference\n";
        List<String> before = problems(doc);
        String updated = update(doc);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        System.out.println(file + ": " + (before.isEmpty() ? "up to date" : String.join("; ", before) + " (fixed)"));
    }
}
