package io.fedmq.broker.auth;

import io.fedmq.broker.ClientAuthenticator;
import io.fedmq.broker.Decision;
import io.fedmq.broker.Decision.Granted;
import io.fedmq.broker.Decision.Reason;
import io.fedmq.broker.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's authenticator when it has a credentials store: the user name is the identity, the password is
 * checked against the store's hash, the client id must be the one that identity's program uses, and a client
 * certificate (mutual TLS) must carry the identity's name as its CN; then the client gets exactly its role's
 * {@link AccessPolicy}.
 *
 * <p>The store file is checked for a change (its time, size and inode) on every connect and every second by the
 * broker, and reread when it changed, so an enrolment or revocation takes effect on the next connect; identities
 * that lost their grant are reported by {@link #withdrawn()}, so the broker can disconnect them at once. A store
 * that becomes unreadable refuses every new client until it is fixed; clients already in stay.
 *
 * <p>PBKDF2 is slow on purpose ({@link PasswordHash}), so a successful check is remembered in memory, as a keyed
 * MAC of the password, until that identity's entry changes: a fleet reconnecting after a Wi-Fi outage costs one
 * hash per node per broker run, not one per reconnect. A wrong password always costs a full hash, and an unknown
 * name costs one too, so that timing tells no one which names exist; and an address that keeps failing is
 * refused unchecked for a while ({@link LoginThrottle}), so guessing is slow and cannot tie up the broker's CPU.
 * A client whose password is already known good still gets in from such an address, so a guesser behind the same
 * address (the broker's own loopback, a shared NAT) cannot lock the fleet out.
 */
public final class StoreAuthenticator implements ClientAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(StoreAuthenticator.class);

    private final Path file;
    private final PasswordHash decoy;
    private final byte[] macKey = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile CredentialStore store = CredentialStore.empty();
    private volatile String unreadable; // why the store cannot be used, or null
    private Stamp stamp;                // guarded by lock
    private final List<Identity> withdrawn = new ArrayList<>(); // guarded by lock
    private final LoginThrottle throttle;

    private StoreAuthenticator(Path file, LongSupplier nanoTime) {
        this.file = file.toAbsolutePath().normalize();
        this.throttle = new LoginThrottle(nanoTime);
        SecureRandom random = new SecureRandom();
        random.nextBytes(macKey);
        this.decoy = PasswordHash.of(PasswordHash.newPassword(random), random);
    }

    /**
     * Reads the store now. A missing file is an empty store (everyone is refused until {@code fedmq enroll}
     * creates it); a malformed one is refused, so that a broker never starts on a store it cannot read.
     */
    public static StoreAuthenticator open(Path file) throws IOException {
        return open(file, System::nanoTime);
    }

    /** As {@link #open(Path)}, with the clock the login throttle reads (tests step it). */
    static StoreAuthenticator open(Path file, LongSupplier nanoTime) throws IOException {
        StoreAuthenticator a = new StoreAuthenticator(file, nanoTime);
        Stamp s = Stamp.of(a.file);
        a.store = CredentialStore.read(a.file);
        a.stamp = s;
        if (s == Stamp.MISSING) {
            log.warn("No credentials store at {} yet: every client is refused until `fedmq enroll` creates it", a.file);
        }
        a.warnIfOthersCanRead();
        return a;
    }

    public Path file() { return file; }

    @Override
    public Decision authenticate(ConnectRequest request) {
        CredentialStore s = current();
        String client = LogText.untrusted(request.clientId());
        if (unreadable != null) return Decision.refuse(Reason.STORE_UNREADABLE, "client " + client + ": the credentials store is unreadable (" + unreadable + ")");
        if (request.username() == null) return Decision.refuse(Reason.ANONYMOUS, "anonymous client " + client + " (no user name)");
        Identity id = s.find(request.username()).orElse(null);
        byte[] password = request.password();
        String from = request.remoteAddress();
        try {
            if (!throttle.mayTry(from) && !(id != null && !id.revoked() && knownGood(id, password))) {
                return Decision.refuse(Reason.THROTTLED, "client " + client + " as " + LogText.untrusted(request.username()) + ": too many failed logins from "
                        + (from == null ? "its address" : from) + "; refused unchecked for " + throttle.secondsUntilNextTry(from) + " s more");
            }
            if (id == null) {
                decoy.matches(password); // as slow as a known name, so that timing does not tell names apart
                throttle.failed(from);
                return Decision.refuse(Reason.UNKNOWN_IDENTITY, "client " + client + " claims unknown identity " + LogText.untrusted(request.username()));
            }
            if (id.revoked()) return Decision.refuse(Reason.REVOKED, "client " + client + ": " + id.describe() + " is revoked");
            if (!check(id, password)) {
                throttle.failed(from);
                return Decision.refuse(Reason.WRONG_PASSWORD, "client " + client + ": wrong password for " + id.describe());
            }
            if (request.certificateCn() != null && !request.certificateCn().equals(id.name())) {
                return Decision.refuse(Reason.CERTIFICATE_MISMATCH, "client " + client + " logs in as " + id.describe()
                        + " with the TLS certificate of " + LogText.untrusted(request.certificateCn()));
            }
            if (!AccessPolicy.ownsClientId(id, request.clientId())) {
                return Decision.refuse(Reason.CLIENT_ID_NOT_BOUND, id.describe() + " may not connect as client " + client
                        + "; its client id is '" + AccessPolicy.expectedClientId(id) + "'");
            }
            return new Granted(id.name(), id.role().id(), AccessPolicy.rules(id));
        } finally {
            if (password != null) Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public Optional<Predicate<String>> withdrawn() {
        current();
        List<Identity> gone;
        synchronized (lock) {
            if (withdrawn.isEmpty()) return Optional.empty();
            gone = List.copyOf(withdrawn);
            withdrawn.clear();
        }
        return Optional.of(clientId -> gone.stream().anyMatch(i -> AccessPolicy.ownsClientId(i, clientId)));
    }

    @Override
    public String describe() {
        CredentialStore s = store;
        long active = s.identities().stream().filter(i -> !i.revoked()).count();
        return "credentials store " + file + " (" + active + " active " + (active == 1 ? "identity" : "identities")
                + "); topic ACLs from the protocol's topic tree";
    }

    /** The store as of now: rereads the file first if it changed since the last look. */
    private CredentialStore current() {
        Stamp now;
        try {
            now = Stamp.of(file);
        } catch (IOException e) {
            return failed("cannot stat it: " + e.getMessage());
        }
        synchronized (lock) {
            if (now.equals(stamp)) return store;
            stamp = now;
            CredentialStore next;
            try {
                next = CredentialStore.read(file);
            } catch (IOException | IllegalArgumentException e) {
                return failed(e.getMessage());
            }
            List<Identity> gone = lostGrant(store, next);
            gone.forEach(i -> verified.remove(i.name()));
            withdrawn.addAll(gone);
            store = next;
            if (unreadable != null) log.info("The credentials store {} is readable again", file);
            unreadable = null;
            log.info("Reread the credentials store {}: {} identities{}", file, next.identities().size(),
                    gone.isEmpty() ? "" : "; withdrawn: " + String.join(", ", gone.stream().map(Identity::describe).toList()));
            warnIfOthersCanRead();
            return next;
        }
    }

    private CredentialStore failed(String why) {
        if (unreadable == null) log.error("The credentials store {} is unreadable; refusing every new client until it is fixed: {}", file, why);
        unreadable = why;
        return store;
    }

    /** Identities of {@code before} that {@code after} removes, revokes or changes: their connections must go. */
    private static List<Identity> lostGrant(CredentialStore before, CredentialStore after) {
        List<Identity> gone = new ArrayList<>();
        for (Identity old : before.identities()) {
            if (old.revoked()) continue;
            Identity now = after.find(old.name()).orElse(null);
            if (now == null || !now.equals(old)) gone.add(old);
        }
        return gone;
    }

    /** Whether this password already passed the full check for this entry: costs a MAC, not a hash. */
    private boolean knownGood(Identity id, byte[] password) {
        if (password == null) return false;
        Verified v = verified.get(id.name());
        return v != null && v.hash().equals(id.hash()) && MessageDigest.isEqual(v.mac(), mac(password));
    }

    private boolean check(Identity id, byte[] password) {
        if (password == null) return false;
        byte[] mac = mac(password);
        Verified v = verified.get(id.name());
        if (v != null && v.hash().equals(id.hash()) && MessageDigest.isEqual(v.mac(), mac)) return true;
        if (!id.hash().matches(password)) return false;
        verified.put(id.name(), new Verified(id.hash(), mac));
        return true;
    }

    private byte[] mac(byte[] password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return m.doFinal(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private void warnIfOthersCanRead() {
        if (!CredentialStore.posix(file.getParent()) || !Files.exists(file)) return;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!CredentialStore.OWNER_ONLY.containsAll(mode)) {
                log.warn("The credentials store {} is mode {}; make it readable by its owner alone: chmod 600 {}", file,
                        PosixFilePermissions.toString(mode), file);
            }
        } catch (IOException e) {
            log.debug("Cannot read the mode of {}", file, e);
        }
    }

    /** A password known good for an entry, as a MAC under a key that lives only in this process. */
    private record Verified(PasswordHash hash, byte[] mac) {}

    /** What tells a changed file from the one last read: an atomic replace changes the inode even within a second. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1, null);

        static Stamp of(Path file) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (NoSuchFileException e) {
                return MISSING;
            }
        }
    }
}
