package org.wirelog.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wirelog.model.Level;

/**
 * {@code internal.log.warning.error:}, {@code external.log.error.error:} and their siblings: which system errors
 * (errno names such as ECONNREFUSED, getaddrinfo's EAI_* names, or Dante's groups {@code no-route},
 * {@code dns-any}, {@code system-any}) get a line of their own, at which level, on which side.
 */
public record ErrorLogging(List<Trigger> triggers) {

    public static final ErrorLogging NONE = new ErrorLogging(List.of());

    /** The client side (internal) or the target side (external) of the server. */
    public enum Side { INTERNAL, EXTERNAL }

    /** One config line: {@code external.log.warning.error: ECONNREFUSED dns-any}. */
    public record Trigger(Side side, Level level, Set<String> values) {
        public Trigger {
            values = Set.copyOf(values);
        }

        boolean covers(String error) {
            for (String value : values) {
                boolean hit = switch (value) {
                    case "no-route" -> NO_ROUTE.contains(error);
                    case "dns-any" -> error.startsWith("EAI_");
                    case "system-any" -> error.startsWith("E") && !error.startsWith("EAI_");
                    default -> value.equals(error);
                };
                if (hit) return true;
            }
            return false;
        }
    }

    /** The errors Dante's {@code no-route} stands for. */
    static final Set<String> NO_ROUTE = Set.of("EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EHOSTDOWN");

    public ErrorLogging {
        triggers = List.copyOf(triggers);
    }

    ErrorLogging with(Trigger trigger) {
        return new ErrorLogging(java.util.stream.Stream.concat(triggers.stream(), java.util.stream.Stream.of(trigger)).toList());
    }

    /** The most severe level some line asks for this error on this side, if any asks. */
    public Optional<Level> levelFor(Side side, String error) {
        Level best = null;
        for (Trigger trigger : triggers) {
            if (trigger.side() != side || !trigger.covers(error)) continue;
            if (best == null || trigger.level().atLeast(best)) best = trigger.level();
        }
        return Optional.ofNullable(best);
    }
}
