package org.wirelog.nat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** natlog 3.00.01's reference corpus, copied into the test resources. */
public final class Corpus {

    private Corpus() {
    }

    public static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(Corpus.class.getResource(name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> lines(String name) {
        try {
            return Files.readAllLines(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
