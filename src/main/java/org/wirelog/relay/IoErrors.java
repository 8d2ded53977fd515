package org.wirelog.relay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;

/** Turns Java's I/O exceptions back into the strerror(3) texts that C daemons (and their users) print. */
public final class IoErrors {

    private IoErrors() {
    }

    /** strerror(3) texts with their errno names, for configs that name errors ({@code ECONNREFUSED}). */
    private static final Map<String, String> ERRNO_NAMES = Map.ofEntries(
            Map.entry("Connection refused", "ECONNREFUSED"),
            Map.entry("Connection reset by peer", "ECONNRESET"),
            Map.entry("Software caused connection abort", "ECONNABORTED"),
            Map.entry("Connection timed out", "ETIMEDOUT"),
            Map.entry("No route to host", "EHOSTUNREACH"),
            Map.entry("Network is unreachable", "ENETUNREACH"),
            Map.entry("Network is down", "ENETDOWN"),
            Map.entry("Host is down", "EHOSTDOWN"),
            Map.entry("Broken pipe", "EPIPE"),
            Map.entry("Invalid argument", "EINVAL"),
            Map.entry("Permission denied", "EACCES"),
            Map.entry("Operation not permitted", "EPERM"),
            Map.entry("Address already in use", "EADDRINUSE"),
            Map.entry("Cannot assign requested address", "EADDRNOTAVAIL"),
            Map.entry("Too many open files", "EMFILE"));

    /** gai_strerror(3) texts with their EAI_* names. */
    private static final Map<String, String> EAI_NAMES = Map.of(
            "Name or service not known", "EAI_NONAME",
            "Temporary failure in name resolution", "EAI_AGAIN",
            "No address associated with hostname", "EAI_NODATA",
            "Non-recoverable failure in name resolution", "EAI_FAIL",
            "Servname not supported for ai_socktype", "EAI_SERVICE",
            "Address family for hostname not supported", "EAI_ADDRFAMILY");

    /** The errno name for a strerror text (as {@link #describe} gives), or null when it is none we know. */
    public static String errnoName(String strerror) {
        return strerror == null ? null : ERRNO_NAMES.get(strerror);
    }

    /**
     * The EAI_* name of a failed lookup: Java's message carries getaddrinfo's text after the name. A lookup that
     * failed without one is EAI_NONAME, the commonest, as the JDK reports it.
     */
    public static String eaiName(java.net.UnknownHostException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (var entry : EAI_NAMES.entrySet()) {
            if (message.contains(entry.getKey())) return entry.getValue();
        }
        return "EAI_NONAME";
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
