package io.fedmq.app;

import io.fedmq.broker.auth.CredentialStore;
import io.fedmq.broker.auth.Identity;
import io.fedmq.broker.auth.PasswordHash;
import io.fedmq.broker.auth.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Adding and withdrawing identities in a broker's credentials store: what {@code enroll}, {@code revoke} and the demo do. */
final class Enrollment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Enrollment() {}

    /**
     * Mints a password for {@code name}, stores its hash and returns the password, which exists nowhere else:
     * the caller hands it to the identity's program and forgets it.
     *
     * @param rotate whether an identity of that name may be replaced (a new password; a revoked one is re-admitted).
     *               Without it an existing name is refused, so a typo cannot silently take over a node's name.
     */
    static byte[] enroll(Path store, String name, Role role, String fleet, boolean rotate) throws IOException {
        new Identity(name, role, fleet, null); // checks the name and fleet before the slow part
        byte[] password = PasswordHash.newPassword(RANDOM);
        Identity identity = new Identity(name, role, fleet, PasswordHash.of(password, RANDOM)); // outside the store's lock
        CredentialStore.update(store, s -> {
            Identity old = s.find(name).orElse(null);
            if (old != null && !rotate) {
                throw new IllegalArgumentException(old.describe() + (old.revoked() ? " (revoked)" : "") + " is already enrolled in " + store
                        + "; --rotate gives it a new password and disconnects whoever uses the old one");
            }
            return s.with(identity);
        });
        return password;
    }

    /** Removes {@code name}'s password for good; returns the identity as it is now. */
    static Identity revoke(Path store, String name) throws IOException {
        Identity[] revoked = new Identity[1];
        CredentialStore.update(store, s -> {
            Identity id = s.find(name).orElseThrow(() -> new IllegalArgumentException("no identity '" + name + "' in " + store));
            revoked[0] = id.revoke();
            return s.with(revoked[0]);
        });
        return revoked[0];
    }
}
