package io.fedmq.node.inference;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The little JSON a sensor reading needs: one object whose members are numbers, strings, booleans or null, as
 * home-automation bridges publish them ({@code {"temperature": 21.4, "co2": 612, ...}}). Nested objects and arrays
 * (a bridge's "update" or "device" blocks) are parsed and left out, so that they do not stop a reading. Small on
 * purpose: the node ships no JSON library for this.
 */
final class FlatJson {
    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * The top-level members of a JSON object: {@code Double}, {@code String}, {@code Boolean} or null values.
     *
     * @throws IllegalArgumentException when the text is not one JSON object, saying where it goes wrong
     */
    static Map<String, Object> parse(String text) {
        FlatJson p = new FlatJson(text);
        p.space();
        Map<String, Object> members = new LinkedHashMap<>();
        p.expect('{');
        p.space();
        if (p.peek() == '}') {
            p.at++;
        } else {
            while (true) {
                p.space();
                String key = p.string();
                p.space();
                p.expect(':');
                p.space();
                Object value = p.value(0);
                if (value != NESTED) members.put(key, value);
                p.space();
                if (p.peek() == ',') { p.at++; continue; }
                p.expect('}');
                break;
            }
        }
        p.space();
        if (p.at != text.length()) throw p.error("unexpected text after the object");
        return members;
    }

    /** Appends {@code s} as a JSON string. */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    private static final Object NESTED = new Object();
    private static final int MAX_DEPTH = 16;

    private Object value(int depth) {
        char c = peek();
        if (c == '"') return string();
        if (c == '{' || c == '[') {
            skipNested(depth);
            return NESTED;
        }
        if (text.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
        if (text.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
        if (text.startsWith("null", at)) { at += 4; return null; }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
        if (start == at) throw error("expected a value");
        try {
            return Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("not a number: " + text.substring(start, Math.min(text.length(), start + 20)));
        }
    }

    private void skipNested(int depth) {
        if (depth >= MAX_DEPTH) throw error("nested too deep");
        char open = text.charAt(at++), close = open == '{' ? '}' : ']';
        space();
        if (peek() == close) { at++; return; }
        while (true) {
            space();
            if (open == '{') {
                string();
                space();
                expect(':');
                space();
            }
            value(depth + 1);
            space();
            if (peek() == ',') { at++; continue; }
            expect(close);
            return;
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (at >= text.length()) throw error("a string is not closed");
            char c = text.charAt(at++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            if (at >= text.length()) throw error("a string is not closed");
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) throw error("a \\u escape is cut short");
                    try {
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("a \\u escape is not hexadecimal");
                    }
                    at += 4;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private char peek() {
        if (at >= text.length()) throw error("the text ends too early");
        return text.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        at++;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a flat JSON object: " + what + " at character " + at);
    }
}
