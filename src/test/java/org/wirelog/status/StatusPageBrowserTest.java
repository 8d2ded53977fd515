package org.wirelog.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wirelog.testing.EchoTarget;
import org.wirelog.testing.Eventually;
import org.wirelog.testing.TcpTargets;
import org.wirelog.testing.WirelogProcess;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium}), after real traffic through a real
 * wirelog socks: the DOM after the page's script ran, and a screenshot with the chart drawn in it.
 */
class StatusPageBrowserTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    /** The chart's bar colour in status.html: #1f6fb2. */
    private static final int BAR = 0x1f6fb2;
    private static final int WIDTH = 1100, HEIGHT = 900;

    @RegisterExtension
    static final EchoTarget ECHO = new EchoTarget();

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheOpenSessionItsTrafficInTheChartAndABlock() throws Exception {
        int socksPort = TcpTargets.freePort(LOOPBACK);
        String metrics = MetricsScrapeTest.metricsAddress();
        Path conf = MetricsScrapeTest.socksConfig(dir, socksPort, ECHO.port());
        try (WirelogProcess socks = WirelogProcess.start("socks", "-f", conf.toString(), "--metrics", metrics);
             Socket held = socks5Connect(socksPort, ECHO.port())) {
            // traffic through a session that stays open, for the chart and the session list
            byte[] data = new byte[200_000];
            OutputStream out = held.getOutputStream();
            out.write(data);
            new DataInputStream(held.getInputStream()).readFully(new byte[data.length]);
            // a request the second rule blocks, for the list of blocks
            int blocked = TcpTargets.closedPort(LOOPBACK);
            assertThatThrownBy(() -> socks5Connect(socksPort, blocked).close()).as("the block rule refuses")
                    .isInstanceOf(IOException.class);
            Eventually.await("the block logged", Duration.ofSeconds(20), () -> {
                try {
                    return socks.stdout().stream().anyMatch(l -> l.contains("block(2)"));
                } catch (IOException e) {
                    return false;
                }
            });
            Thread.sleep(1500); // a throughput sample (one a second) has seen the bytes

            String url = "http://" + metrics + "/";
            String dom = chromium("--dump-dom", url);
            String client = "127.0.0.1." + held.getLocalPort();
            assertThat(dom).contains("data-loaded=\"true\"");
            assertThat(cell(dom, "sessions")).as("the open session's client").contains(client)
                    .contains("127.0.0.1." + ECHO.port());
            assertThat(cell(dom, "blocks")).contains("127.0.0.1." + blocked).contains("block(2)");
            Matcher points = Pattern.compile("id=\"chart\"[^>]*data-points=\"(\\d+)\"").matcher(dom);
            assertThat(points.find()).as(dom).isTrue();
            assertThat(Integer.parseInt(points.group(1))).as("seconds with traffic drawn").isPositive();

            Path png = dir.resolve("status.png");
            chromium("--screenshot=" + png, url);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(WIDTH);
            List<int[]> bars = pixelsOf(image, BAR);
            assertThat(bars).as("chart pixels in the screenshot").hasSizeGreaterThan(20);
            // the bars stand in the chart, which the page puts below its headings, left
            assertThat(bars).allSatisfy(p -> assertThat(p[0]).isLessThan(950));
            assertThat(bars).allSatisfy(p -> assertThat(p[1]).isBetween(60, 400));
            assertThat(socks.stop()).isZero();
        }
    }

    /** A SOCKS5 CONNECT by hand; the socket is open on the target when this returns. */
    private static Socket socks5Connect(int socksPort, int targetPort) throws IOException {
        Socket socket = new Socket(LOOPBACK, socksPort);
        try {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            var in = new DataInputStream(socket.getInputStream());
            out.write(new byte[] {5, 1, 0});
            byte[] method = new byte[2];
            in.readFully(method);
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (targetPort >> 8), (byte) targetPort});
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] != 0) throw new IOException("SOCKS reply " + reply[1]);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Runs headless Chromium on {@code url}; returns what it printed (the DOM, for --dump-dom). */
    private String chromium(String action, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--window-size=" + WIDTH + "," + HEIGHT,
                // lets the page's fetches and script finish before the DOM or the screenshot is taken
                "--virtual-time-budget=5000", action, url));
        Path output = dir.resolve("chromium.out");
        Process browser = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!browser.waitFor(90, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new IOException("chromium did not finish: " + Files.readString(dir.resolve("chromium.err")));
        }
        assertThat(browser.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readString(output);
    }

    /** The table with that id, as Chromium serialized it. */
    private static String cell(String dom, String tableId) {
        int start = dom.indexOf("<table id=\"" + tableId + "\"");
        assertThat(start).as("table " + tableId).isNotNegative();
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    /** The pixels within a few levels of {@code rgb} (a screenshot's colours may be off by rounding). */
    private static List<int[]> pixelsOf(BufferedImage image, int rgb) {
        List<int[]> found = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (near(p >> 16, rgb >> 16) && near(p >> 8, rgb >> 8) && near(p, rgb)) found.add(new int[] {x, y});
            }
        }
        return found;
    }

    private static boolean near(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 3;
    }
}
