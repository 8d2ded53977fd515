package org.wirelog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting, bounded, for what real processes write: the end-to-end tests' polling in one place. */
public final class Eventually {

    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} once {@code limit} has passed. */
    public static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The lines a file has so far; none while it does not exist (yet) or cannot be read. */
    public static List<String> linesSoFar(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
