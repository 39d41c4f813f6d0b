package dev.zennas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent-free parser for ZenNAS structure strings (conventions §3.1): a concatenation of
 * {@code Name([label|]int,int,...)} super blocks, no separators, no whitespace.
 *
 * <p>The parser is linear in the input and never recurses, so a 10 MB string fails fast with a position, not a
 * stack overflow. Every failure is a {@link StructureParseException}.
 */
final class StructureParser {
    /** Integers longer than this cannot be valid arguments and would overflow; reject them early. */
    private static final int MAX_DIGITS = 9;
    /** Keep error messages short even for huge inputs. */
    private static final int MAX_ECHO = 40;

    private final String s;
    private int pos;

    private StructureParser(String s) {
        this.s = s;
    }

    static List<SuperBlock> parse(String text, boolean checkChannels) {
        if (text == null || text.isEmpty()) throw new StructureParseException(0, "expected a block name but the string is empty");
        StructureParser p = new StructureParser(text);
        List<SuperBlock> blocks = new ArrayList<>();
        List<Integer> inPositions = new ArrayList<>();
        while (p.pos < text.length()) {
            int[] inPos = new int[1];
            blocks.add(p.block(inPos));
            inPositions.add(inPos[0]);
        }
        if (checkChannels) {
            for (int i = 1; i < blocks.size(); i++) {
                SuperBlock prev = blocks.get(i - 1);
                SuperBlock b = blocks.get(i);
                if (b.in() != prev.out()) {
                    throw new StructureParseException(inPositions.get(i), "channel mismatch: in_channels " + b.in()
                            + " of block " + (i + 1) + " (" + b.type().name() + ") must equal out_channels "
                            + prev.out() + " of the block before it");
                }
            }
        }
        return blocks;
    }

    private SuperBlock block(int[] inPos) {
        int start = pos;
        while (pos < s.length() && isNameChar(s.charAt(pos))) pos++;
        if (pos == start) {
            throw new StructureParseException(pos, "expected a block name but found " + describe(pos));
        }
        String name = s.substring(start, pos);
        if (pos >= s.length()) {
            throw new StructureParseException(pos, "expected '(' after block name '" + clip(name) + "' but the string ended");
        }
        if (s.charAt(pos) != '(') {
            throw new StructureParseException(pos, "expected '(' after block name '" + clip(name) + "' but found " + describe(pos));
        }
        BlockType type = BlockType.find(name).orElseThrow(() -> new StructureParseException(start,
                "unknown block name '" + clip(name) + "'; expected one of " + BlockType.describeNames()));
        pos++; // '('
        String label = null;
        int bar = labelEnd();
        if (bar >= 0) {
            label = s.substring(pos, bar);
            pos = bar + 1;
        }
        int arity = type.family().arity();
        int[] args = new int[arity];
        int[] argPos = new int[arity];
        for (int i = 0; i < arity; i++) {
            if (i > 0) expect(',', "',' before argument " + (i + 1) + " of " + arity + " " + argNames(type));
            argPos[i] = pos;
            args[i] = positiveInt(type, i);
        }
        if (pos >= s.length()) {
            throw new StructureParseException(pos, "expected ')' to close " + type.name() + " but the string ended");
        }
        if (s.charAt(pos) == ',') {
            throw new StructureParseException(pos, "expected ')' after " + arity + " arguments " + argNames(type)
                    + " but found another ','");
        }
        expect(')', "')' to close " + type.name());
        inPos[0] = argPos[0];
        try {
            return type.family().residual()
                    ? new SuperBlock(type, args[0], args[1], args[2], args[3], args[4], label)
                    : new SuperBlock(type, args[0], args[1], args[2], 0, args[3], label);
        } catch (IllegalArgumentException e) {
            int at = e.getMessage().startsWith("stride") ? argPos[2] : start;
            throw new StructureParseException(at, e.getMessage() + " in " + type.name());
        }
    }

    /** Position of a '|' that ends an optional block label before any ')' or '(' — or -1. */
    private int labelEnd() {
        for (int i = pos; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') return i;
            if (c == ')' || c == '(' || c == ',') return -1;
        }
        return -1;
    }

    private int positiveInt(BlockType type, int index) {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) pos++;
        if (pos == start) {
            String what = "a positive integer for " + argName(type, index) + " of " + type.name();
            if (start < s.length() && s.charAt(start) == '-') {
                throw new StructureParseException(start, "expected " + what + " but found a negative number");
            }
            throw new StructureParseException(start, "expected " + what + " but found " + describe(start));
        }
        if (s.charAt(start) == '0' && pos - start > 1) {
            // int('03') is 3 in the official code, but then the string would not print back byte for byte.
            throw new StructureParseException(start, argName(type, index) + " of " + type.name() + " has a leading zero");
        }
        if (pos - start > MAX_DIGITS) {
            throw new StructureParseException(start, argName(type, index) + " of " + type.name() + " is too large ("
                    + (pos - start) + " digits)");
        }
        int value = Integer.parseInt(s.substring(start, pos));
        if (value <= 0) {
            throw new StructureParseException(start, argName(type, index) + " of " + type.name() + " must be positive, got " + value);
        }
        return value;
    }

    private void expect(char c, String what) {
        if (pos >= s.length()) throw new StructureParseException(pos, "expected " + what + " but the string ended");
        if (s.charAt(pos) != c) throw new StructureParseException(pos, "expected " + what + " but found " + describe(pos));
        pos++;
    }

    private String describe(int at) {
        if (at >= s.length()) return "the end of the string";
        char c = s.charAt(at);
        if (Character.isWhitespace(c)) return "whitespace (not allowed in structure strings)";
        if (c < 32 || c > 126) return String.format("character U+%04X", (int) c);
        return "'" + c + "'";
    }

    private static String argNames(BlockType type) {
        return type.family().residual() ? "(in,out,stride,bottleneck,sub_layers)" : "(in,out,stride,sub_layers)";
    }

    private static String argName(BlockType type, int i) {
        String[] names = type.family().residual()
                ? new String[] {"in_channels", "out_channels", "stride", "bottleneck", "sub_layers"}
                : new String[] {"in_channels", "out_channels", "stride", "sub_layers"};
        return names[i];
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static String clip(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
