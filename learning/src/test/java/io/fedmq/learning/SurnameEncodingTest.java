package io.fedmq.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SurnameEncodingTest {
    private static int slot(char c) {
        return SurnameEncoding.LETTERS.concat(SurnameEncoding.PUNCTUATION).indexOf(c);
    }

    @Test
    void mapsCharactersToFixedSlots() {
        // Upper case folds to lower case, accents keep their own slot, Cyrillic and digits share "other".
        assertArrayEquals(new int[] {slot('o'), slot('\''), slot('b'), slot('ő'), slot('-'), slot('ş'), SurnameEncoding.OTHER,
                SurnameEncoding.OTHER}, SurnameEncoding.indices("O’BŐ-șЖ7"));
        assertArrayEquals(new int[] {slot('i'), slot('z')}, SurnameEncoding.indices("İz"), "Turkish dotted capital I is i");
        assertEquals(101, SurnameEncoding.SIZE, "changing the alphabet changes every model: bump the task name");
    }

    @Test
    void truncatesLongNamesAndRejectsEmptyOnes() {
        assertEquals(SurnameEncoding.MAX_LENGTH, SurnameEncoding.indices("Wolfeschlegelsteinhausenbergerdorff").length);
        assertThrows(IllegalArgumentException.class, () -> SurnameEncoding.indices(" \u200b "));
    }

    @Test
    void encodesOneHotFeaturesWithAMaskPerName() {
        SurnameEncoding.Encoded x = SurnameEncoding.encode(List.of("Abe", "Li"));
        INDArray f = x.features();
        assertArrayEquals(new long[] {2, SurnameEncoding.SIZE, 3}, f.shape());
        assertArrayEquals(new float[][] {{1, 1, 1}, {1, 1, 0}}, x.mask().toFloatMatrix());
        assertEquals(1f, f.getFloat(0, slot('a'), 0));
        assertEquals(1f, f.getFloat(0, slot('b'), 1));
        assertEquals(1f, f.getFloat(0, slot('e'), 2));
        assertEquals(1f, f.getFloat(1, slot('l'), 0));
        assertEquals(1f, f.getFloat(1, slot('i'), 1));
        // Exactly one hot slot per real character and none in the padding.
        assertEquals(5.0, f.sumNumber().doubleValue());
        assertEquals(0.0, f.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2)).sumNumber().doubleValue());
    }
}
