package io.fedmq.learning;

import java.util.Objects;

/**
 * One labelled surname.
 *
 * @param surname the name as written, never blank
 * @param label   the index of its language in the corpus's (or the model's) label list
 */
public record Example(String surname, int label) implements Labelled {
    public Example {
        Objects.requireNonNull(surname, "surname");
        if (surname.isBlank()) throw new IllegalArgumentException("surname must not be blank");
        if (label < 0) throw new IllegalArgumentException("label must be >= 0, got " + label);
    }

    /** The surname: what the surname networks read. */
    @Override
    public String input() {
        return surname;
    }
}
