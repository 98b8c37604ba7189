package io.fedmq.broker;

/** Makes text a client chose (its client id, its user name) safe to put in a log line. */
public final class LogText {
    private static final int MAX = 80;

    private LogText() {}

    /**
     * Quoted, with control characters replaced and the length capped, so that a hostile client id cannot forge
     * log lines or flood the log. Null becomes {@code none}.
     */
    public static String untrusted(String text) {
        if (text == null) return "none";
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX) + 3).append('\'');
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (text.length() > MAX) sb.append("...");
        return sb.append('\'').toString();
    }
}
