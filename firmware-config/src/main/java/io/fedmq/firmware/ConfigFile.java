package io.fedmq.firmware;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the node's config file: UTF-8 lines of {@code key = value}; blank lines and lines starting with
 * {@code #} are ignored, and {@code #} after whitespace starts a comment at the end of a line.
 *
 * <p>Why not {@link java.util.Properties}: it silently keeps the last of two equal keys, knows nothing of line
 * numbers, and treats backslashes as escapes. Why not TOML or YAML: a parser dependency for a dozen flat keys.
 * This reader is a page long and says which line is wrong and why.
 */
public final class ConfigFile {
    private ConfigFile() {}

    private static final Pattern LINE = Pattern.compile("([^=\\s]+)\\s*=\\s*(.*)");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");
    private static final Pattern COMMENT = Pattern.compile("\\s#.*$");

    /** Reads and checks the syntax of {@code file}; the keys and values are checked by {@link NodeConfig}. */
    public static List<Setting> read(Path file) throws ConfigException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** Parses config text; {@code name} is what messages call the file. */
    public static List<Setting> parse(String text, String name) throws ConfigException {
        List<Setting> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = name + ":" + (i + 1);
            String line = COMMENT.matcher(lines[i]).replaceFirst("").strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                problems.add(where + ": expected 'key = value', got '" + line + "'");
                continue;
            }
            String key = m.group(1), value = m.group(2).strip();
            if (!KEY.matcher(key).matches()) {
                problems.add(where + ": '" + key + "' is not a key: keys are lower case words joined by dots, e.g. leds.red");
            } else if (value.isEmpty()) {
                problems.add(where + ": " + key + " has no value; delete the line to use the default");
            } else if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                problems.add(where + ": " + key + ": values are not quoted; write " + key + " = " + value.substring(1, value.length() - 1));
            } else if (seen.containsKey(key)) {
                problems.add(where + ": " + key + " is already set on line " + seen.get(key) + "; keep one of them");
            } else {
                seen.put(key, i + 1);
                settings.add(new Setting(key, value, where));
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return settings;
    }
}
