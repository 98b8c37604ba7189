package io.fedmq.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A properties file of option values for one command: each key is a long option name without its dashes
 * ({@code rounds=20}, {@code train-deadline=PT15M}). It serves as the command's default-value provider, so an
 * option given on the command line overrides the file and an option in neither keeps its built-in default.
 *
 * <p>An orchestrator runs unattended for hours, so a typo must stop it at once rather than be ignored: the whole file
 * is checked when it is read, and every problem is reported together, each naming the key and saying what was
 * expected. Unknown keys (with the closest valid one), keys set twice, and values that are not of the option's form
 * are refused. Ranges (a fraction above 1, a negative deadline) are left to the settings' own validation, which
 * runs for the command line too.
 */
final class ConfigFile implements IDefaultValueProvider {
    /** The key that names the file itself: files do not include one another. */
    static final String SELF = "config";

    private final Map<String, String> values;

    private ConfigFile(Map<String, String> values) { this.values = values; }

    /** Reads and checks {@code file} against {@code spec}'s options; throws {@link Invalid} listing every problem. */
    static ConfigFile read(Path file, CommandSpec spec) {
        Map<String, OptionSpec> options = settableOptions(spec);
        List<String> problems = new ArrayList<>();
        Map<String, String> raw = load(file, spec, problems);
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            OptionSpec option = options.get(key);
            String problem = option == null ? unknown(key, options.keySet()) : badValue(key, value, option);
            if (problem == null) values.put(key, value);
            else problems.add(problem);
        });
        if (!problems.isEmpty()) {
            throw new Invalid(spec, file + (problems.size() == 1 ? ": " + problems.get(0) : ":\n  " + String.join("\n  ", problems)));
        }
        return new ConfigFile(values);
    }

    /** The file's value for an option, or null so the option keeps its own default. */
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) return null;
        return values.get(key(o));
    }

    /** What can be set: every named option but help, version and the config file itself, by key. */
    static Map<String, OptionSpec> settableOptions(CommandSpec spec) {
        Map<String, OptionSpec> out = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || !o.longestName().startsWith("--")) continue;
            if (!key(o).equals(SELF)) out.put(key(o), o);
        }
        return out;
    }

    private static String key(OptionSpec o) { return o.longestName().substring(2); }

    /** The file's keys and values in file order; a key set twice is added to {@code problems}. */
    private static Map<String, String> load(Path file, CommandSpec spec, List<String> problems) {
        if (!Files.exists(file)) throw new Invalid(spec, "config file " + file + " not found");
        if (!Files.isRegularFile(file)) throw new Invalid(spec, "config file " + file + " is not a file");
        Map<String, String> raw = new LinkedHashMap<>();
        // Properties silently keeps the last of two equal keys; this one notices. Values lose trailing blanks,
        // which Properties keeps and which no option wants.
        Properties strict = new Properties() {
            private static final long serialVersionUID = 1L;
            @Override
            public synchronized Object put(Object key, Object value) {
                String k = key.toString();
                if (raw.put(k, value.toString().strip()) != null) problems.add("key '" + k + "' is set twice");
                return null;
            }
        };
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            strict.load(r);
        } catch (IOException e) {
            throw new Invalid(spec, "cannot read config file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) { // a malformed \\uXXXX escape
            throw new Invalid(spec, file + ": " + e.getMessage());
        }
        return raw;
    }

    private static String unknown(String key, Set<String> valid) {
        if (key.equals(SELF)) return "'" + SELF + "' cannot be set in a config file";
        String closest = valid.stream().min(Comparator.comparingInt(v -> distance(normalize(key), normalize(v)))).orElse(null);
        if (closest != null && distance(normalize(key), normalize(closest)) <= Math.max(2, key.length() / 4)) {
            return "unknown key '" + key + "'; did you mean '" + closest + "'?";
        }
        return "unknown key '" + key + "'; valid keys: " + String.join(", ", valid);
    }

    /** Dashes, underscores and case do not make a different key: {@code minNodes} and {@code --min-nodes} mean min-nodes. */
    private static String normalize(String key) { return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""); }

    private static int distance(String a, String b) { return io.fedmq.firmware.EditDistance.levenshtein(a, b); }

    /** Null when {@code value} converts the way the command line would; otherwise what was expected. */
    private static String badValue(String key, String value, OptionSpec option) {
        Class<?> type = option.type();
        if (!value.isEmpty()) {
            try {
                if (option.converters() != null && option.converters().length > 0) option.converters()[0].convert(value);
                else if (type == int.class || type == Integer.class) Integer.parseInt(value);
                else if (type == long.class || type == Long.class) Long.parseLong(value);
                else if (type == double.class || type == Double.class) {
                    if (!Double.isFinite(Double.parseDouble(value))) throw new NumberFormatException();
                } else if (type == boolean.class || type == Boolean.class) {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) throw new IllegalArgumentException();
                } else if (type == Duration.class) Duration.parse(value);
                else if (type.isEnum()) enumValue(type, value);
                return null;
            } catch (NumberFormatException | DateTimeParseException e) {
                // fall through to the message
            } catch (Exception e) {
                if (option.converters() != null && option.converters().length > 0 && e.getMessage() != null) {
                    return key + ": '" + value + "': " + e.getMessage();
                }
            }
        }
        if (value.isEmpty()) return key + " has no value; expected " + form(type);
        String hint = option.defaultValue() == null ? "" : "; the default is " + option.defaultValue();
        return key + ": '" + value + "' is not " + form(type) + hint;
    }

    private static void enumValue(Class<?> type, String value) {
        if (Arrays.stream(type.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equalsIgnoreCase(value))) {
            throw new IllegalArgumentException();
        }
    }

    private static String form(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "a whole number";
        if (type == double.class || type == Double.class) return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == Duration.class) return "an ISO-8601 duration such as PT15M or PT90S";
        if (type.isEnum()) return "one of " + Arrays.toString(type.getEnumConstants());
        if (type == Path.class) return "a path";
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A config file that cannot be used; the message says why, one line per problem. */
    static final class Invalid extends ParameterException {
        private static final long serialVersionUID = 1L;

        Invalid(CommandSpec spec, String message) { super(spec.commandLine(), message); }
    }

    /**
     * Wraps picocli's handler so a config-file problem prints one clear message instead of being followed by the
     * whole usage text, which is about options, not about the file.
     */
    static IParameterExceptionHandler reportingPlainly(IParameterExceptionHandler next) {
        return (e, args) -> {
            if (!(e instanceof Invalid)) return next.handleParseException(e, args);
            e.getCommandLine().getErr().println("fedmq: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        };
    }
}
