package io.fedmq.app;

import io.fedmq.broker.auth.Identity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fedmq revoke ID}: the identity's password is removed from the store; a running broker acts on it at once. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke an identity: its password hash is removed from the broker's credentials store. A broker using "
                + "that store refuses it from its next connect and disconnects it within a second if it is connected now.")
final class RevokeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "the identity's name, e.g. pi-kitchen")
    String id;

    @Option(names = "--credentials", defaultValue = StoreOption.DEFAULT, paramLabel = "FILE",
            description = "the broker's credentials store (default: ${DEFAULT-VALUE})")
    Path store;

    @Override
    public Integer call() throws Exception {
        Identity revoked = Enrollment.revoke(store, id);
        System.out.println("revoked " + revoked.describe() + " in " + store + ": a broker using it refuses " + id
                + " from its next connect and disconnects it now if it is connected; `fedmq enroll " + id + " --rotate` re-admits it");
        return 0;
    }
}
