package io.fedmq.learning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.datafaker.Faker;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the last-name lists that datafaker ships as YAML resources. Datafaker's own API only draws random
 * names and falls back from a locale to English, so the files are read directly, with SnakeYAML, which
 * datafaker itself depends on.
 */
final class BuiltInSurnames {
    /**
     * Which resource feeds which language. Only Latin-script locales whose list is about that language:
     * regional variants merge (de-AT, de-CH: German), country lists of other peoples are left out (en-IN,
     * en-NG, en-UG, en-PAK, en-SG, en-PH: Indian, Nigerian... names, not English; en-ZA mixes Afrikaans).
     */
    private static final Map<String, String> RESOURCES = resources(
            "ca.yml", "Catalan", "cs-CZ.yml", "Czech", "da-DK.yml", "Danish",
            "de.yml", "German", "de-AT.yml", "German", "de-CH.yml", "German",
            "en/name.yml", "English", "en-AU.yml", "English", "en-NZ.yml", "English", "en-au-ocker.yml", "English",
            "es.yml", "Spanish", "es-AR.yml", "Spanish", "es-MX.yml", "Spanish", "es-PY.yml", "Spanish",
            "et.yml", "Estonian", "fi-FI.yml", "Finnish", "fr.yml", "French", "fr-CA.yml", "French", "fr-CH.yml", "French",
            "hr.yml", "Croatian", "hu.yml", "Hungarian", "id.yml", "Indonesian", "id-ID.yml", "Indonesian",
            "it.yml", "Italian", "lv.yml", "Latvian", "nl.yml", "Dutch", "nb-NO.yml", "Norwegian", "no-NO.yml", "Norwegian",
            "pl.yml", "Polish", "pt.yml", "Portuguese", "pt-BR.yml", "Portuguese",
            "ro-MD.yml", "Romanian", "sq.yml", "Albanian", "sk.yml", "Slovak", "sv.yml", "Swedish", "tr.yml", "Turkish",
            "vi.yml", "Vietnamese");

    /** A whole entry that is one reference to a sibling list, as cs-CZ's "#{female_last_name}". */
    private static final Pattern SIBLING_REFERENCE = Pattern.compile("#\\{([a-z_]+)}");
    /** The fixed seed of the per-language sample: the corpus must be the same on every machine. */
    private static final long SAMPLE_SEED = 20240917L;

    private BuiltInSurnames() {}

    /**
     * Language name to its surnames, sorted by language. A name that occurs in two languages is dropped from
     * both: it carries no signal and would cap the achievable accuracy. Languages with fewer than
     * {@code minPerLanguage} names are dropped; larger ones are sampled down to {@code capPerLanguage} with a
     * fixed seed (never the first N, which would be the alphabet's start).
     */
    static Map<String, List<String>> load(int capPerLanguage, int minPerLanguage, boolean foldAccents) {
        // Lower-cased key -> display form, per language, in resource order.
        Map<String, Map<String, String>> byLanguage = new TreeMap<>();
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            Map<String, String> names = byLanguage.computeIfAbsent(r.getValue(), k -> new LinkedHashMap<>());
            for (String raw : lastNames(r.getKey())) {
                String name = SurnameEncoding.clean(raw);
                if (foldAccents) name = foldAccents(name);
                if (name.isEmpty() || !isLatin(name)) continue;
                names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        Map<String, Integer> languagesPerKey = new LinkedHashMap<>();
        byLanguage.values().forEach(m -> m.keySet().forEach(k -> languagesPerKey.merge(k, 1, Integer::sum)));

        Map<String, List<String>> result = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : byLanguage.entrySet()) {
            List<String> unique = new ArrayList<>();
            e.getValue().forEach((key, name) -> {
                if (languagesPerKey.get(key) == 1) unique.add(name);
            });
            if (unique.size() < minPerLanguage) continue;
            if (unique.size() > capPerLanguage) {
                // Seeded per language, so one language's sample does not depend on which others were capped.
                Collections.shuffle(unique, new Random(SAMPLE_SEED ^ e.getKey().hashCode()));
                unique.subList(capPerLanguage, unique.size()).clear();
                Collections.sort(unique);
            }
            result.put(e.getKey(), List.copyOf(unique));
        }
        return result;
    }

    /** Every letter of the name is Latin script: filters the Cyrillic, Greek... lists some locales mix in. */
    static boolean isLatin(String name) {
        return name.codePoints().allMatch(cp -> !Character.isLetter(cp)
                || Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
    }

    /** The entries of the locale's {@code name.last_name}, with whole-entry sibling references resolved. */
    @SuppressWarnings("unchecked")
    private static List<String> lastNames(String resource) {
        Object root;
        try (InputStream in = Faker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("datafaker no longer ships " + resource);
            root = yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading datafaker's " + resource, e);
        }
        Map<String, Object> name = findNameSection(root);
        if (name == null) throw new IllegalStateException("no name.last_name in datafaker's " + resource);
        List<String> out = new ArrayList<>();
        for (Object entry : (List<Object>) name.get("last_name")) {
            String s = String.valueOf(entry);
            Matcher ref = SIBLING_REFERENCE.matcher(s);
            if (ref.matches() && name.get(ref.group(1)) instanceof List<?> sibling) {
                // cs-CZ and sk list "#{male_last_name}" / "#{female_last_name}": both forms are real surnames.
                sibling.forEach(x -> out.add(String.valueOf(x)));
            } else if (!s.contains("#")) {
                out.add(s); // any other template ("#{a}-#{b}", "###") is not a name
            }
        }
        return out;
    }

    /** The map holding {@code last_name}; found by search because de-CH nests it under a stray key. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> findNameSection(Object node) {
        if (!(node instanceof Map<?, ?> map)) return null;
        if (map.get("name") instanceof Map<?, ?> name && name.get("last_name") instanceof List<?>) {
            return (Map<String, Object>) name;
        }
        for (Object child : map.values()) {
            Map<String, Object> found = findNameSection(child);
            if (found != null) return found;
        }
        return null;
    }

    /** Plain scalars stay strings: YAML 1.1 would read the surname "No" or "True" as a boolean. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        Resolver stringsOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {}
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                stringsOnly);
    }

    private static Map<String, String> resources(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** ASCII-folds a name (é -> e, ß -> ss): only to measure what keeping the accents is worth. */
    static String foldAccents(String name) {
        String stripped = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder(stripped.length());
        for (char c : stripped.toCharArray()) {
            b.append(switch (c) {
                case 'ß' -> "ss"; case 'æ' -> "ae"; case 'Æ' -> "Ae"; case 'œ' -> "oe"; case 'Œ' -> "Oe";
                case 'ø' -> "o"; case 'Ø' -> "O"; case 'ł' -> "l"; case 'Ł' -> "L"; case 'đ', 'ð' -> "d";
                case 'Đ', 'Ð' -> "D"; case 'þ' -> "th"; case 'Þ' -> "Th"; case 'ı' -> "i";
                default -> String.valueOf(c);
            });
        }
        return b.toString();
    }
}
