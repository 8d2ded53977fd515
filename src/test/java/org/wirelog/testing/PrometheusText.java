package org.wirelog.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in Prometheus' text format, read back: each sample by name and labels, so that a test can ask
 * for the sum of the samples of a metric whose labels include those it names.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final java.util.List<Sample> samples = new java.util.ArrayList<>();

    public PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    /** GETs {@code url} with the JDK's HTTP client; fails unless the answer is 200 in the text format. */
    public static PrometheusText scrape(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException(url + ": HTTP " + response.statusCode());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/plain")) throw new IOException(url + ": content type " + type);
            return new PrometheusText(response.body());
        }
    }

    /**
     * The sum of the samples named {@code name} whose labels include {@code labels} (name, value, name, value...);
     * 0 when there is none.
     */
    public double sum(String name, String... labels) {
        double sum = 0;
        for (Sample s : samples) {
            if (!s.name().equals(name)) continue;
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) all &= labels[i + 1].equals(s.labels().get(labels[i]));
            if (all) sum += s.value();
        }
        return sum;
    }

    /** Whether a {@code # TYPE} line declares {@code name} (a metric with no sample yet is still declared). */
    public boolean declares(String name) {
        return text.lines().anyMatch(l -> l.startsWith("# TYPE " + name + " "));
    }

    @Override
    public String toString() {
        return text;
    }
}
