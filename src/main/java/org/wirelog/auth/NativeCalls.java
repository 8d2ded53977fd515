package org.wirelog.auth;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Where the C calls of authentication run: a few platform threads, so that a slow check (crypt's yescrypt, PAM's
 * delay after a wrong password) never holds one of the few carrier threads that all virtual threads share.
 */
final class NativeCalls {

    private static final ExecutorService THREADS = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().name("wirelog-auth-", 0).daemon(true).factory());

    private NativeCalls() {
    }

    static <T> T run(Callable<T> call) {
        Future<T> result = THREADS.submit(call);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password check failed: " + e.getCause(), e.getCause());
        }
    }
}
