package org.wirelog.nat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wirelog.sys.CapturedFrame;
import org.wirelog.sys.FrameSource;
import org.wirelog.sys.PcapException;

/**
 * natlog's tcpdump mode: the inside and the outside capture files (pcap, or pcapng through libpcap),
 * read in time order as the firewall saw the packets. Memory holds the open flows, never the files.
 */
public final class TcpdumpSource {

    private final Path inside;
    private final Path outside;

    public TcpdumpSource(Path inside, Path outside) {
        this.inside = inside;
        this.outside = outside;
    }

    /** A file being read, with the frame it will give next. */
    private static final class Reader {
        final Side side;
        final FrameSource file;
        final FrameDecoder decoder;
        final CapturedFrame next = new CapturedFrame(FrameDecoder.SNAPLEN);
        boolean ended;

        Reader(Side side, FrameSource file) throws PcapException {
            this.side = side;
            this.file = file;
            this.decoder = Captures.decoder(file);
        }

        /** Reads ahead one frame; a damaged file ends here, the frames before it count. */
        void advance(List<String> problems) {
            try {
                ended = !file.next(next);
            } catch (PcapException e) {
                problems.add(e.getMessage());
                ended = true;
            }
        }
    }

    /**
     * Feeds every packet of both files to the tracker, then lets it log what is left.
     *
     * @throws PcapException when a file cannot be opened or is not a capture of IP traffic
     */
    public CaptureReport run(NatTracker tracker) throws PcapException {
        List<String> problems = new ArrayList<>();
        long frames = 0;
        try (FrameSource in = FrameSource.openFile(inside); FrameSource out = FrameSource.openFile(outside)) {
            Reader a = new Reader(Side.INSIDE, in), b = new Reader(Side.OUTSIDE, out);
            a.advance(problems);
            b.advance(problems);
            while (!a.ended || !b.ended) {
                // inside first on a tie: the firewall received the packet before it sent its translation
                Reader r = b.ended || (!a.ended && a.next.micros() <= b.next.micros()) ? a : b;
                CapturedFrame frame = r.next;
                frames++;
                tracker.advance(frame.micros());
                Observed observed = r.decoder.decode(frame);
                if (observed != null) tracker.accept(r.side, observed);
                r.advance(problems);
            }
        }
        tracker.finish(null);
        return new CaptureReport(frames, List.copyOf(problems));
    }
}
