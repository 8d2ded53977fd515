package org.wirelog.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wirelog.testing.Packets.ip;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wirelog.testing.Packets;

class IpDecoderTest {

    private static final int A = ip(192, 168, 77, 2), B = ip(10, 77, 0, 2);

    private static IpPacket decode(byte[] bytes) {
        return IpDecoder.decode(bytes, 0, bytes.length);
    }

    @Test
    void tcpOverIpv4WithOptions() {
        byte[] bytes = Packets.ipv4(Packets.TCP, A, B, 4711, false, 0, 2, Packets.tcp(41001, 8000, 0xfffffff0L, 5, TcpHeader.SYN | TcpHeader.ACK, 100));
        IpPacket p = decode(bytes);
        var v4 = (Ipv4Header) p.ip();
        assertThat(v4.headerLength()).isEqualTo(28);
        assertThat(v4.totalLength()).isEqualTo(28 + 20 + 100);
        assertThat(v4.source()).isEqualTo(A);
        assertThat(v4.sourceAddress().getHostAddress()).isEqualTo("192.168.77.2");
        assertThat(v4.identification()).isEqualTo(4711);
        assertThat(v4.isFragment()).isFalse();
        var tcp = (TcpHeader) p.transport();
        assertThat(tcp).isEqualTo(new TcpHeader(41001, 8000, 0xfffffff0L, 5, TcpHeader.SYN | TcpHeader.ACK, 65535, 20));
        assertThat(p.payloadOffset()).isEqualTo(48);
        assertThat(p.payloadLength()).isEqualTo(100);
        assertThat(p.payloadCaptured()).isEqualTo(100);
    }

    @Test
    void udpAndIcmpEcho() {
        IpPacket udp = decode(Packets.ipv4(Packets.UDP, A, B, Packets.udp(42001, 9000, new byte[50])));
        assertThat(udp.transport()).isEqualTo(new UdpHeader(42001, 9000, 58));
        assertThat(udp.payloadLength()).isEqualTo(50);
        IpPacket echo = decode(Packets.ipv4(Packets.ICMP, A, B, Packets.echo(8, 4660, 3, 56)));
        var icmp = (IcmpHeader) echo.transport();
        assertThat(icmp.isEchoRequest()).isTrue();
        assertThat(icmp.isEchoReply()).isFalse();
        assertThat(icmp.isError()).isFalse();
        assertThat(icmp.identifier()).isEqualTo(4660);
        assertThat(icmp.sequence()).isEqualTo(3);
        assertThat(echo.payloadLength()).isEqualTo(56);
    }

    /** Short Ethernet frames are padded: bytes past the IP total length are not payload. */
    @Test
    void linkPaddingIsNotPayload() {
        byte[] frame = Packets.ethernet(Packets.ipv4(Packets.TCP, A, B, Packets.tcp(1, 2, 0, 0, TcpHeader.ACK, 0)));
        assertThat(frame).hasSize(60);
        int at = LinkType.EN10MB.ipOffset(frame, frame.length);
        IpPacket p = IpDecoder.decode(frame, at, frame.length - at);
        assertThat(p.payloadCaptured()).isZero();
        assertThat(p.payloadLength()).isZero();
    }

    /** A capture cut before the transport header keeps the IP header; a later fragment has no transport header. */
    @Test
    void shortCapturesAndLaterFragments() {
        byte[] whole = Packets.ipv4(Packets.TCP, A, B, Packets.tcp(1, 2, 0, 0, TcpHeader.SYN, 0));
        IpPacket cut = IpDecoder.decode(whole, 0, 30);
        assertThat(cut.ip().totalLength()).isEqualTo(40);
        assertThat(cut.transport()).isNull();
        IpPacket later = decode(Packets.ipv4(Packets.UDP, A, B, 9, false, 1480, 0, new byte[100]));
        assertThat(later.ip().isLaterFragment()).isTrue();
        assertThat(later.transport()).isNull();
        assertThat(later.payloadLength()).isEqualTo(100);
        var first = (Ipv4Header) decode(Packets.ipv4(Packets.UDP, A, B, 9, true, 0, 0, Packets.udp(1, 2, new byte[10]))).ip();
        assertThat(first.isFragment()).isTrue();
        assertThat(first.isLaterFragment()).isFalse();
        assertThat(first.moreFragments()).isTrue();
    }

    @Test
    void malformedInputGivesNullNeverAnException() {
        byte[] good = Packets.ipv4(Packets.TCP, A, B, Packets.tcp(1, 2, 0, 0, TcpHeader.SYN, 0));
        assertThat(IpDecoder.decode(good, 0, 0)).isNull();
        assertThat(IpDecoder.decode(good, 0, 19)).isNull();
        byte[] version5 = good.clone();
        version5[0] = 0x55;
        assertThat(decode(version5)).isNull();
        byte[] ihlTooSmall = good.clone();
        ihlTooSmall[0] = 0x44;
        assertThat(decode(ihlTooSmall)).isNull();
        byte[] totalTooSmall = good.clone();
        totalTooSmall[2] = 0;
        totalTooSmall[3] = 10;
        assertThat(decode(totalTooSmall)).isNull();
        byte[] tcpOffsetTooSmall = good.clone();
        tcpOffsetTooSmall[20 + 12] = 0x20;
        assertThat(decode(tcpOffsetTooSmall).transport()).isNull();
        for (int length = 0; length < good.length; length++) IpDecoder.decode(Arrays.copyOf(good, length), 0, length);
    }

    @Test
    void ipv6WithExtensionHeaders() {
        // hop-by-hop (next: fragment), fragment (next: udp, offset 0, more fragments)
        byte[] extensions = {44, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0, 1, 0, 0, 0, 42};
        IpPacket p = decode(Packets.ipv6(0, extensions, Packets.udp(5353, 53, new byte[30])));
        var v6 = (Ipv6Header) p.ip();
        assertThat(v6.protocol()).isEqualTo(IpDecoder.UDP);
        assertThat(v6.headerLength()).isEqualTo(56);
        assertThat(v6.isFragment()).isTrue();
        assertThat(v6.isLaterFragment()).isFalse();
        assertThat(v6.totalLength()).isEqualTo(40 + 16 + 38);
        assertThat(v6.sourceAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(p.transport()).isEqualTo(new UdpHeader(5353, 53, 38));
        byte[] later = {17, 0, 0, 8, 0, 0, 0, 42}; // offset 8 bytes
        IpPacket fragment = decode(Packets.ipv6(44, later, new byte[24]));
        assertThat(fragment.ip().isLaterFragment()).isTrue();
        assertThat(fragment.transport()).isNull();
        IpPacket echo = decode(Packets.ipv6(IpDecoder.ICMPV6, new byte[0], Packets.echo(128, 7, 1, 8)));
        assertThat(((IcmpHeader) echo.transport()).isEchoRequest()).isTrue();
    }

    @Test
    void linkTypesFindTheIpHeader() {
        byte[] packet = Packets.ipv4(Packets.UDP, A, B, Packets.udp(1, 2, new byte[4]));
        byte[] vlan = new byte[18 + packet.length];
        vlan[12] = (byte) 0x81;
        vlan[16] = 0x08;
        System.arraycopy(packet, 0, vlan, 18, packet.length);
        assertThat(LinkType.EN10MB.ipOffset(vlan, vlan.length)).isEqualTo(18);
        byte[] arp = Packets.ethernet(packet);
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertThat(LinkType.EN10MB.ipOffset(arp, arp.length)).isEqualTo(-1);
        byte[] sll = new byte[16 + packet.length];
        sll[14] = 0x08;
        assertThat(LinkType.LINUX_SLL.ipOffset(sll, sll.length)).isEqualTo(16);
        byte[] sll2 = new byte[20 + packet.length];
        sll2[0] = (byte) 0x86;
        sll2[1] = (byte) 0xdd;
        assertThat(LinkType.LINUX_SLL2.ipOffset(sll2, sll2.length)).isEqualTo(20);
        assertThat(LinkType.NULL.ipOffset(new byte[] {2, 0, 0, 0, 0x45}, 5)).isEqualTo(4);
        assertThat(LinkType.NULL.ipOffset(new byte[] {0, 0, 0, 2, 0x45}, 5)).isEqualTo(4);
        assertThat(LinkType.NULL.ipOffset(new byte[] {7, 0, 0, 0, 0x45}, 5)).isEqualTo(-1);
        assertThat(LinkType.RAW.ipOffset(packet, packet.length)).isZero();
        assertThat(LinkType.EN10MB.ipOffset(new byte[10], 10)).isEqualTo(-1);
        assertThat(LinkType.ofDlt(101)).isEqualTo(LinkType.RAW);
        assertThat(LinkType.ofDlt(105)).isNull();
    }
}
