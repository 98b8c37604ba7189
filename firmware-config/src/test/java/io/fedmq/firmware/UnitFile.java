package io.fedmq.firmware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of systemd's unit-file syntax to check the shipped unit where {@code systemd-analyze} is missing:
 * {@code [Section]} headers, {@code Key=Value} lines (a key may repeat), {@code #} and {@code ;} comments and
 * trailing-backslash continuations. Anything else is a syntax error.
 */
final class UnitFile {
    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    static UnitFile parse(String text) {
        UnitFile u = new UnitFile();
        Map<String, List<String>> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            while (line.endsWith("\\") && i + 1 < lines.length) line = line.substring(0, line.length() - 1) + " " + lines[++i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1);
                if (u.sections.containsKey(name)) throw new IllegalArgumentException("line " + (i + 1) + ": section [" + name + "] twice");
                current = new LinkedHashMap<>();
                u.sections.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("line " + (i + 1) + ": not Key=Value: " + line);
            if (current == null) throw new IllegalArgumentException("line " + (i + 1) + ": a key before any [Section]");
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Z][A-Za-z0-9]*")) throw new IllegalArgumentException("line " + (i + 1) + ": not a systemd key: " + key);
            current.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return u;
    }

    List<String> sectionNames() { return List.copyOf(sections.keySet()); }

    Map<String, List<String>> section(String name) { return sections.getOrDefault(name, Map.of()); }

    /** The last value of a key, as systemd takes it for single-valued keys; null when absent. */
    String get(String section, String key) {
        List<String> v = section(section).get(key);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String section, String key) { return section(section).getOrDefault(key, List.of()); }
}
