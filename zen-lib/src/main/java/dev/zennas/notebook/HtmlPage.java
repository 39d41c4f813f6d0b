package dev.zennas.notebook;

/** Builds small stand-alone HTML pages around fragments (PNG rendering, files written outside a kernel). */
public final class HtmlPage {

    private HtmlPage() {
    }

    /** A complete UTF-8 page with a white background and no margins around {@code fragment}. */
    public static String wrap(String fragment) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>zen</title>"
                + "<style>html,body{margin:0;padding:0;background:#fff;font-family:sans-serif}</style>"
                + "</head><body>\n" + fragment + "\n</body></html>\n";
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
