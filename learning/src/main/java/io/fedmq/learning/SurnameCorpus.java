package io.fedmq.learning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An immutable labelled set of surnames: the languages in output order, and the examples that point into them.
 *
 * <p>Both sources apply the same policy: names are compared ignoring case; a name listed twice in one language
 * is kept once; a name listed under two languages is dropped from both, because it carries no signal for
 * either and would put a ceiling on the accuracy any model can reach.
 */
public final class SurnameCorpus {
    /** Per-language cap of {@link #builtIn()}: enough names for every language, none dominating. */
    public static final int DEFAULT_CAP = 600;
    /** Built-in languages with fewer distinct names than this are dropped: too few to split over a fleet. */
    public static final int MIN_NAMES_PER_LANGUAGE = 80;

    private final List<String> labels;
    private final List<Example> examples;

    private SurnameCorpus(List<String> labels, List<Example> examples) {
        this.labels = List.copyOf(labels);
        this.examples = List.copyOf(examples);
    }

    /** The built-in demo corpus with the default cap of {@value #DEFAULT_CAP} names per language. */
    public static SurnameCorpus builtIn() {
        return builtIn(DEFAULT_CAP);
    }

    /**
     * The built-in corpus: datafaker's Latin-script last-name lists, one label per language (regional lists
     * merged), accents kept, at most {@code capPerLanguage} names per language. Deterministic: the same on
     * every machine and JVM, so that nodes that only know their shard index agree on the data.
     */
    public static SurnameCorpus builtIn(int capPerLanguage) {
        if (capPerLanguage < MIN_NAMES_PER_LANGUAGE) {
            throw new IllegalArgumentException("capPerLanguage must be >= " + MIN_NAMES_PER_LANGUAGE + ", got " + capPerLanguage);
        }
        return deduplicated(BuiltInSurnames.load(capPerLanguage, MIN_NAMES_PER_LANGUAGE, false));
    }

    /** The built-in corpus, ASCII-folded: package-private, only for measuring what the accents are worth. */
    static SurnameCorpus builtInFolded(int capPerLanguage) {
        return deduplicated(BuiltInSurnames.load(capPerLanguage, MIN_NAMES_PER_LANGUAGE, true));
    }

    /**
     * Reads the PyTorch char-RNN tutorial layout: a folder of {@code <Language>.txt} files, one surname per
     * line, UTF-8. Blank lines, a byte-order mark and files not ending in {@code .txt} are ignored. Labels are the
     * file names without {@code .txt}, sorted.
     *
     * @throws DatasetException when the folder is missing, holds fewer than two {@code .txt} files, a file is
     *                          unreadable, empty or not UTF-8 (the message names the file and line)
     */
    public static SurnameCorpus fromDirectory(Path directory) throws DatasetException {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) throw new DatasetException("no such folder: " + directory);
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new DatasetException("no <Language>.txt files in " + directory);
        if (files.size() == 1) {
            throw new DatasetException("only one language (" + files.get(0).getFileName() + ") in " + directory
                    + ": a classifier needs at least two");
        }
        Map<String, List<String>> byLanguage = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String language = name.substring(0, name.length() - ".txt".length());
            if (language.isEmpty() || language.length() > 64) {
                throw new DatasetException("the language name must be 1-64 characters: " + file);
            }
            List<String> names = readNames(file);
            if (names.isEmpty()) throw new DatasetException("no surnames in " + file);
            byLanguage.put(language, names);
        }
        return deduplicated(byLanguage);
    }

    /** The language names, in the order of the model's outputs. */
    public List<String> labels() {
        return labels;
    }

    /** All examples, grouped by language in label order. */
    public List<Example> examples() {
        return examples;
    }

    /** How many examples each label has, indexed like {@link #labels()}. */
    public int[] countsPerLabel() {
        int[] counts = new int[labels.size()];
        for (Example e : examples) counts[e.label()]++;
        return counts;
    }

    /**
     * The same names, labelled against another (the fleet model's) label list, so that a node's own data
     * matches the outputs of the network the orchestrator built.
     *
     * @throws IllegalArgumentException when one of this corpus's languages is not in {@code modelLabels}
     */
    public SurnameCorpus withLabels(List<String> modelLabels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < modelLabels.size(); i++) index.put(modelLabels.get(i), i);
        int[] map = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Integer target = index.get(labels.get(i));
            if (target == null) {
                throw new IllegalArgumentException("language '" + labels.get(i) + "' is not one of the model's " + modelLabels);
            }
            map[i] = target;
        }
        return new SurnameCorpus(modelLabels, examples.stream().map(e -> new Example(e.surname(), map[e.label()])).toList());
    }

    /** The accuracy of always answering the most frequent label of {@code examples}: the floor to beat. */
    public static double majorityClassAccuracy(List<? extends Labelled> examples) {
        if (examples.isEmpty()) return 0;
        Map<Integer, Integer> counts = new HashMap<>();
        for (Labelled e : examples) counts.merge(e.label(), 1, Integer::sum);
        return (double) counts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / examples.size();
    }

    @Override
    public String toString() {
        return "SurnameCorpus[" + labels.size() + " languages, " + examples.size() + " names, per label "
                + Arrays.toString(countsPerLabel()) + "]";
    }

    /** A corpus of given examples, taken as they are: for tests and tools that slice a corpus. */
    static SurnameCorpus of(List<String> labels, List<Example> examples) {
        for (Example e : examples) {
            if (e.label() >= labels.size()) throw new IllegalArgumentException("label out of range: " + e);
        }
        return new SurnameCorpus(labels, examples);
    }

    /** Applies the de-duplication policy to language -> names (sorted map: label order is stable). */
    private static SurnameCorpus deduplicated(Map<String, List<String>> byLanguage) {
        Map<String, Map<String, String>> unique = new LinkedHashMap<>();
        Map<String, Integer> languagesPerKey = new HashMap<>();
        byLanguage.forEach((language, names) -> {
            Map<String, String> keyed = new LinkedHashMap<>();
            for (String n : names) keyed.putIfAbsent(n.toLowerCase(Locale.ROOT), n);
            keyed.keySet().forEach(k -> languagesPerKey.merge(k, 1, Integer::sum));
            unique.put(language, keyed);
        });
        List<String> labels = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : unique.entrySet()) {
            int label = labels.size();
            int before = examples.size();
            e.getValue().forEach((key, name) -> {
                if (languagesPerKey.get(key) == 1) examples.add(new Example(name, label));
            });
            if (examples.size() > before) labels.add(e.getKey());
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("fewer than two languages with unambiguous names: " + byLanguage.keySet());
        }
        return new SurnameCorpus(labels, examples);
    }

    /** One cleaned surname per non-blank line; decoded line by line so that an error can name its line. */
    private static List<String> readNames(Path file) throws DatasetException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Set<String> names = new LinkedHashSet<>();
        int start = 0;
        for (int line = 1; start < bytes.length; line++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            String text;
            try {
                text = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new DatasetException(file + " line " + line + ": not valid UTF-8", e);
            }
            String name = SurnameEncoding.clean(text); // also drops a byte-order mark and the '\r' of CRLF
            if (!name.isEmpty()) names.add(name);
            start = end + 1;
        }
        return new ArrayList<>(names);
    }
}
