package io.fedmq.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurnameCorpusTest {
    private static final SurnameCorpus BUILT_IN = SurnameCorpus.builtIn();

    @Test
    void builtInHasManyLatinScriptLanguages() {
        assertTrue(BUILT_IN.labels().size() >= 8, BUILT_IN.labels().toString());
        assertTrue(BUILT_IN.labels().containsAll(List.of("Czech", "Dutch", "English", "French", "German", "Polish", "Spanish")));
        // Regional lists are merged into their language, not labels of their own.
        assertFalse(BUILT_IN.labels().stream().anyMatch(l -> l.contains("-") || l.contains("_")));
        assertTrue(BUILT_IN.examples().stream().allMatch(e -> BuiltInSurnames.isLatin(e.surname())));
    }

    @Test
    void builtInHasNoDuplicatesEvenAcrossLanguages() {
        Set<String> seen = new HashSet<>();
        for (Example e : BUILT_IN.examples()) {
            assertTrue(seen.add(e.surname().toLowerCase(Locale.ROOT)), "duplicate: " + e.surname());
        }
    }

    @Test
    void builtInHasNoTemplateEntries() {
        assertTrue(BUILT_IN.examples().stream().noneMatch(e -> e.surname().contains("#") || e.surname().contains("{")));
    }

    @Test
    void builtInRespectsTheCapAndKeepsOnlyLanguagesWithEnoughNames() {
        for (int count : BUILT_IN.countsPerLabel()) {
            assertTrue(count <= SurnameCorpus.DEFAULT_CAP && count >= SurnameCorpus.MIN_NAMES_PER_LANGUAGE, "count " + count);
        }
        SurnameCorpus small = SurnameCorpus.builtIn(100);
        assertEquals(BUILT_IN.labels(), small.labels());
        for (int count : small.countsPerLabel()) assertTrue(count <= 100, "count " + count);
        // The big lists (Dutch has ~21,000 names) are actually capped, not just small.
        assertEquals(SurnameCorpus.DEFAULT_CAP, BUILT_IN.countsPerLabel()[BUILT_IN.labels().indexOf("Dutch")]);
    }

    @Test
    void builtInIsDeterministicAndKeepsAccents() {
        assertEquals(BUILT_IN.examples(), SurnameCorpus.builtIn().examples());
        assertTrue(BUILT_IN.examples().stream().anyMatch(e -> e.surname().indexOf('ř') >= 0), "Czech ř kept");
        assertTrue(BUILT_IN.examples().stream().anyMatch(e -> e.surname().indexOf('ł') >= 0), "Polish ł kept");
    }

    @Test
    void readsTheTutorialLayout(@TempDir Path dir) throws Exception {
        write(dir, "German.txt", "\uFEFFMüller\r\nSchmidt\n\nschmidt\nWeber\n");
        write(dir, "Dutch.txt", "De Vries\nVan Dijk\nWeber\n");
        write(dir, "Polish.txt", "Nowak");
        write(dir, "README.md", "not a language");
        SurnameCorpus corpus = SurnameCorpus.fromDirectory(dir);
        assertEquals(List.of("Dutch", "German", "Polish"), corpus.labels());
        // "schmidt" repeats Schmidt; "Weber" is in two languages and so in neither.
        assertEquals(List.of(new Example("De Vries", 0), new Example("Van Dijk", 0),
                new Example("Müller", 1), new Example("Schmidt", 1), new Example("Nowak", 2)), corpus.examples());
    }

    @Test
    void rejectsAMissingFolder(@TempDir Path dir) {
        var e = assertThrows(DatasetException.class, () -> SurnameCorpus.fromDirectory(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void rejectsAFolderWithoutTextFiles(@TempDir Path dir) throws Exception {
        write(dir, "names.csv", "Smith,English\n");
        var e = assertThrows(DatasetException.class, () -> SurnameCorpus.fromDirectory(dir));
        assertTrue(e.getMessage().contains(".txt"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyFileNamingIt(@TempDir Path dir) throws Exception {
        write(dir, "German.txt", "Müller\n");
        write(dir, "Irish.txt", "\n  \n");
        var e = assertThrows(DatasetException.class, () -> SurnameCorpus.fromDirectory(dir));
        assertTrue(e.getMessage().contains("Irish.txt"), e.getMessage());
    }

    @Test
    void rejectsMalformedUtf8NamingFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "German.txt", "Müller\n");
        // Line 1 is proper UTF-8, line 2 was saved as Latin-1: its lone 0xE1 byte is not UTF-8.
        byte[] line1 = "Dvořák\n".getBytes(StandardCharsets.UTF_8);
        byte[] line2 = "Král\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("Czech.txt"), concat(line1, line2));
        var e = assertThrows(DatasetException.class, () -> SurnameCorpus.fromDirectory(dir));
        assertTrue(e.getMessage().contains("Czech.txt") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void rejectsASingleLanguage(@TempDir Path dir) throws Exception {
        write(dir, "German.txt", "Müller\nSchmidt\n");
        var e = assertThrows(DatasetException.class, () -> SurnameCorpus.fromDirectory(dir));
        assertTrue(e.getMessage().contains("one language"), e.getMessage());
    }

    @Test
    void relabelsAgainstTheModelsLabels(@TempDir Path dir) throws Exception {
        write(dir, "German.txt", "Müller\n");
        write(dir, "Polish.txt", "Nowak\n");
        SurnameCorpus mine = SurnameCorpus.fromDirectory(dir).withLabels(BUILT_IN.labels());
        assertEquals(BUILT_IN.labels(), mine.labels());
        assertEquals(new Example("Nowak", BUILT_IN.labels().indexOf("Polish")), mine.examples().get(1));
        var e = assertThrows(IllegalArgumentException.class, () -> SurnameCorpus.fromDirectory(dir).withLabels(List.of("German", "Dutch")));
        assertTrue(e.getMessage().contains("Polish"), e.getMessage());
    }

    @Test
    void majorityClassAccuracyIsTheShareOfTheCommonestLabel() {
        assertEquals(0.75, SurnameCorpus.majorityClassAccuracy(List.of(
                new Example("a", 1), new Example("b", 1), new Example("c", 0), new Example("d", 1))));
        assertEquals(0.0, SurnameCorpus.majorityClassAccuracy(List.of()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void write(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
