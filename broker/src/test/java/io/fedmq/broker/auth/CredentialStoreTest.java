package io.fedmq.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    private static PasswordHash hash;
    @TempDir Path dir;

    @BeforeAll
    static void oneHash() { hash = PasswordHash.of(PasswordHash.newPassword(new SecureRandom()), new SecureRandom()); }

    @Test
    void aMissingFileIsAnEmptyStore() throws Exception {
        assertTrue(CredentialStore.read(dir.resolve("credentials")).identities().isEmpty());
    }

    @Test
    void writesOwnerOnlyAndReadsBackWhatItWrote() throws Exception {
        Path file = dir.resolve("sub/credentials");
        CredentialStore.update(file, s -> s.with(new Identity("pi-1", Role.NODE, "home", hash))
                .with(new Identity("watch", Role.MONITOR, Identity.ALL_FLEETS, hash))
                .with(new Identity("pi-2", Role.NODE, "home", hash).revoke()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        CredentialStore read = CredentialStore.read(file);
        assertEquals(new Identity("pi-1", Role.NODE, "home", hash), read.find("pi-1").orElseThrow());
        assertEquals(Identity.ALL_FLEETS, read.find("watch").orElseThrow().fleet());
        assertTrue(read.find("pi-2").orElseThrow().revoked());
        String text = Files.readString(file);
        assertTrue(text.contains("pi-2 = node home revoked"), text);
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("credentials", "credentials.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void refusesAMalformedStoreNamingEachBadLine() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, """
                # comment
                pi-1 = node home %s
                pi-1 = node home revoked
                pi-3 = robot home revoked
                pi-4 node home revoked
                orch = orchestrator * revoked
                """.formatted(hash.encode()), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CredentialStore.read(file));
        for (String fragment : List.of("line 3: identity pi-1 is listed twice", "line 4: role must be one of", "line 5: expected NAME",
                "line 6: only a monitor may have fleet *")) {
            assertTrue(e.getMessage().contains(fragment), fragment + " in " + e.getMessage());
        }
    }

    @Test
    void concurrentEnrolmentsDoNotLoseOneAnother() throws Exception {
        Path file = dir.resolve("credentials");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CredentialStore>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "n" + i;
                done.add(pool.submit(() -> CredentialStore.update(file, s -> s.with(new Identity(name, Role.NODE, "home", hash)))));
            }
            for (Future<CredentialStore> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, CredentialStore.read(file).identities().size());
        assertFalse(Files.readString(file).contains("\n\n"));
    }
}
