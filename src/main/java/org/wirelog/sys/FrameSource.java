package org.wirelog.sys;

import java.io.IOException;
import java.nio.file.Path;

/** Where captured frames come from: a live device or a saved file, through libpcap or read directly. One thread reads it. */
public sealed interface FrameSource extends AutoCloseable permits Pcap, PcapFile {

    /**
     * Opens a saved capture: a classic pcap file is read directly ({@link PcapFile}), anything else
     * (pcapng, or whatever libpcap makes of it, errors included) through libpcap.
     */
    static FrameSource openFile(Path file) throws PcapException {
        PcapFile direct;
        try {
            direct = PcapFile.open(file);
        } catch (IOException e) {
            direct = null; // libpcap says what is wrong with it, in its words
        }
        return direct != null ? direct : Pcap.openOffline(file);
    }

    /** The file or device, for messages. */
    String name();

    /**
     * The link-layer header type: libpcap's DLT number, or for a file read directly the LINKTYPE its
     * header states (the same number for every link type but a few, raw IP among them: 101 for 12).
     */
    int linkType();

    /**
     * Reads the next frame into {@code frame}; waits for one on a live device.
     *
     * @return false at the end of a file, or of a live capture that was told to stop
     * @throws PcapException when the file is damaged (a truncated last record) or the device fails
     */
    boolean next(CapturedFrame frame) throws PcapException;

    @Override
    void close();
}
