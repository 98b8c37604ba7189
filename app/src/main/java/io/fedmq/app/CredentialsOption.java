package io.fedmq.app;

import io.fedmq.mqtt.MqttSettings.Credentials;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The MQTT identity a program connects as: every command that connects to a secured broker takes one. */
final class CredentialsOption {
    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "this program's user name and password (mode 600), as `fedmq enroll` writes them; "
                    + "leave it out only for an open broker")
    Path credentialsFile;

    /** The credentials, or null to connect anonymously. */
    Credentials credentials() throws IOException {
        return credentialsFile == null ? null : CredentialsFile.read(credentialsFile);
    }
}
