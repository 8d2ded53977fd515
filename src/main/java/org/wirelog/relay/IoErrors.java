package org.wirelog.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Turns Java's I/O exceptions back into the strerror(3) texts that C daemons (and their users) print. */
public final class IoErrors {

    private IoErrors() {
    }

    public static String describe(IOException e) {
        // Files.* name only the path in the message; the errno text is in the type or the reason.
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("connection reset")) return "Connection reset by peer";
        if (e instanceof ConnectException || lower.contains("connection refused")) return "Connection refused";
        if (e instanceof NoRouteToHostException || lower.contains("no route to host")) return "No route to host";
        if (lower.contains("network is unreachable")) return "Network is unreachable";
        if (lower.contains("broken pipe")) return "Broken pipe";
        if (e instanceof SocketTimeoutException || lower.contains("timed out")) return "Connection timed out";
        if (lower.contains("cannot assign requested address")) return "Cannot assign requested address";
        if (lower.contains("invalid argument")) return "Invalid argument";
        if (lower.contains("permission denied")) return "Permission denied";
        if (lower.contains("address already in use")) return "Address already in use";
        if (message.isEmpty()) return e.getClass().getSimpleName();
        return message;
    }
}
