package io.fedmq.learning;

import java.text.Normalizer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns surnames into one-hot character sequences. The alphabet is fixed here, not derived from data: the
 * orchestrator and every node must build the same network from a {@link io.fedmq.protocol.ModelSpec} alone,
 * and a node's local data must not change the input width.
 *
 * <p>A batch is padded to its longest name, so the feature mask is part of every batch; models must use it in
 * training and inference, or padding leaks into the max-pool / last step and predictions depend on the batch.
 */
final class SurnameEncoding {
    /** Lower-case Latin letters, then the accented letters of Latin-1 and Latin Extended-A that surnames use. */
    static final String LETTERS = "abcdefghijklmnopqrstuvwxyz"
            + "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿß"
            + "āăąćčďđēėęěğīįıķļľłńņňōőœŕřśşšţťūůűųźżž";
    static final String PUNCTUATION = "'- ";
    /** Every character outside the alphabet shares this last slot, so unseen scripts still count as length. */
    static final int OTHER = LETTERS.length() + PUNCTUATION.length();
    static final int SIZE = OTHER + 1;
    /** Longer names are truncated: 20 characters cover ~all surnames and keep padded batches short. */
    static final int MAX_LENGTH = 20;

    private static final int[] INDEX = buildIndex();

    private SurnameEncoding() {}

    /** NFC, without invisible format characters (zero-width spaces occur in the data), trimmed, single spaces. */
    static String clean(String raw) {
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(nfc.length());
        nfc.codePoints()
                .filter(cp -> Character.getType(cp) != Character.FORMAT)
                .map(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? ' ' : cp)
                .forEach(b::appendCodePoint);
        return b.toString().trim().replaceAll(" {2,}", " ");
    }

    /** The alphabet slot of each character of the (cleaned) name, at most {@link #MAX_LENGTH} of them. */
    static int[] indices(String surname) {
        int[] cps = clean(surname).codePoints().limit(MAX_LENGTH).toArray();
        if (cps.length == 0) throw new IllegalArgumentException("cannot encode an empty surname: '" + surname + "'");
        for (int i = 0; i < cps.length; i++) cps[i] = slot(cps[i]);
        return cps;
    }

    static int slot(int codePoint) {
        // Per code point, so that Turkish 'İ' becomes plain 'i' rather than "i" plus a combining dot.
        int cp = Character.toLowerCase(codePoint);
        cp = switch (cp) {
            case '\u2019', '\u2018', '\u02bc', '`', '\u00b4' -> '\''; // the apostrophes of O'Brien and D'Cruze
            case '\u2010', '\u2011', '\u2013' -> '-';
            case '\u0219' -> 'ş'; // Romanian comma-below letters are the cedilla letters in practice
            case '\u021b' -> 'ţ';
            default -> cp;
        };
        return cp < INDEX.length && INDEX[cp] >= 0 ? INDEX[cp] : OTHER;
    }

    /** One-hot features [batch, {@link #SIZE}, time] and their mask [batch, time], time = longest name. */
    static Encoded encode(List<String> surnames) {
        int batch = surnames.size();
        int[][] slots = new int[batch][];
        int time = 1;
        for (int i = 0; i < batch; i++) {
            slots[i] = indices(surnames.get(i));
            time = Math.max(time, slots[i].length);
        }
        float[] features = new float[batch * SIZE * time];
        float[] mask = new float[batch * time];
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < slots[i].length; t++) {
                features[(i * SIZE + slots[i][t]) * time + t] = 1f;
                mask[i * time + t] = 1f;
            }
        }
        return new Encoded(Nd4j.create(features, new long[] {batch, SIZE, time}, 'c'),
                Nd4j.create(mask, new long[] {batch, time}, 'c'));
    }

    /** One-hot labels [batch, numLabels]. */
    static INDArray labels(List<Example> examples, int numLabels) {
        float[] data = new float[examples.size() * numLabels];
        for (int i = 0; i < examples.size(); i++) {
            int label = examples.get(i).label();
            if (label >= numLabels) {
                throw new IllegalArgumentException("label " + label + " of '" + examples.get(i).surname()
                        + "' is outside the model's " + numLabels + " labels");
            }
            data[i * numLabels + label] = 1f;
        }
        return Nd4j.create(data, new long[] {examples.size(), numLabels}, 'c');
    }

    /** Encoded features and the mask that says which time steps are real characters. */
    record Encoded(INDArray features, INDArray mask) {}

    private static int[] buildIndex() {
        String all = LETTERS + PUNCTUATION;
        int max = all.chars().max().orElseThrow();
        int[] index = new int[max + 1];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < all.length(); i++) index[all.charAt(i)] = i;
        return index;
    }
}
