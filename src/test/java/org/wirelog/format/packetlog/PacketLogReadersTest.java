package org.wirelog.format.packetlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kernel packet log lines written from the documented formats, pitfalls included, decoded field by field. */
class PacketLogReadersTest {

    @Test
    void iptablesTcpSynWithPrefixGluedToInAndBareFlags() {
        PacketLogEntry e = NetfilterLineReader.read("DROP IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 "
                + "SRC=198.51.100.7 DST=192.0.2.10 LEN=60 TOS=0x10 PREC=0x20 TTL=51 ID=54321 DF PROTO=TCP SPT=40123 DPT=22 "
                + "WINDOW=64240 RES=0x00 SYN URGP=0 ");
        assertThat(e.prefix()).isEqualTo("DROP ");
        assertThat(e.in()).isEqualTo("eth0");
        assertThat(e.out()).isEmpty();
        assertThat(e.link()).containsEntry("MAC", "00:11:22:33:44:55:66:77:88:99:aa:bb:08:00");
        LoggedPacket p = e.packet();
        assertThat(p.ip()).isEqualTo(new IpFields(InetAddress.ofLiteral("198.51.100.7"), InetAddress.ofLiteral("192.0.2.10"),
                60, 0x10, 0x20, null, null, 51, 54321L, false, true, false, 0));
        assertThat(p.protocol()).isEqualTo("TCP");
        assertThat(p.sourcePort()).isEqualTo(40123);
        assertThat(p.destinationPort()).isEqualTo(22);
        assertThat(p.tcpFlags()).containsExactly("SYN");
        assertThat(p.tcp()).isEqualTo(new LoggedPacket.Tcp(64240, 0, 0, null, null));
    }

    @Test
    void prefixWithoutBlankIsGluedToIn() {
        PacketLogEntry e = NetfilterLineReader.read("LOGININ=ppp0 OUT=eth1 SRC=10.0.0.1 DST=10.0.0.2 LEN=40 TOS=0x00 PREC=0x00 "
                + "TTL=64 ID=1 PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 ACK RST URGP=0");
        assertThat(e.prefix()).isEqualTo("LOGIN");
        assertThat(e.in()).isEqualTo("ppp0");
        assertThat(e.out()).isEqualTo("eth1");
        assertThat(e.packet().tcpFlags()).containsExactly("ACK", "RST");
    }

    @Test
    void laterFragmentHasFragOffsetInBytesAndNoPorts() {
        LoggedPacket p = NetfilterLineReader.read("IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=548 TOS=0x00 PREC=0x00 TTL=64 "
                + "ID=7 MF FRAG:185 PROTO=UDP ").packet();
        assertThat(p.ip().moreFragments()).isTrue();
        assertThat(p.ip().fragmentOffset()).isEqualTo(185 * 8);
        assertThat(p.ip().isLaterFragment()).isTrue();
        assertThat(p.protocol()).isEqualTo("UDP");
        assertThat(p.sourcePort()).isNull();
        assertThat(p.destinationPort()).isNull();
        assertThat(p.udpLength()).isNull();
    }

    @Test
    void icmpErrorQuotesThePacketInBracketsWhoseKeysRepeatTheOuterOnes() {
        LoggedPacket p = NetfilterLineReader.read("IN= OUT=eth0 SRC=192.0.2.1 DST=198.51.100.7 LEN=96 TOS=0x00 PREC=0xC0 TTL=64 "
                + "ID=4242 PROTO=ICMP TYPE=3 CODE=3 [SRC=198.51.100.7 DST=192.0.2.1 LEN=68 TOS=0x00 PREC=0x00 TTL=50 ID=999 "
                + "PROTO=UDP SPT=5353 DPT=9999 LEN=48 ] MARK=0x1 ").packet();
        assertThat(p.ip().id()).isEqualTo(4242L);
        assertThat(p.ip().length()).isEqualTo(96);
        assertThat(p.icmp().type()).isEqualTo(3);
        assertThat(p.icmp().code()).isEqualTo(3);
        LoggedPacket quoted = p.icmp().quoted();
        assertThat(quoted.ip().source()).isEqualTo(InetAddress.ofLiteral("198.51.100.7"));
        assertThat(quoted.ip().id()).isEqualTo(999L);
        assertThat(quoted.ip().length()).isEqualTo(68);
        assertThat(quoted.sourcePort()).isEqualTo(5353);
        assertThat(quoted.destinationPort()).isEqualTo(9999);
        assertThat(quoted.udpLength()).isEqualTo(48);
        assertThat(p.other()).containsEntry("MARK", "0x1");
    }

    @Test
    void icmpEchoIdAndSeqAreNotTheIpIdAndTcpSeq() {
        LoggedPacket p = NetfilterLineReader.read("IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=3 DF "
                + "PROTO=ICMP TYPE=8 CODE=0 ID=4660 SEQ=2 ").packet();
        assertThat(p.ip().id()).isEqualTo(3L);
        assertThat(p.icmp().id()).isEqualTo(4660);
        assertThat(p.icmp().sequence()).isEqualTo(2);
        assertThat(p.tcp()).isNull();
    }

    @Test
    void ipv6KeysAndFragmentHeader() {
        LoggedPacket p = NetfilterLineReader.read("nft v6: IN=eth0 OUT= MAC=aa SRC=2001:0db8:0000:0000:0000:0000:0000:0001 "
                + "DST=2001:0db8:0000:0000:0000:0000:0000:0002 LEN=1280 TC=0 HOPLIMIT=63 FLOWLBL=12345 FRAG:1232 INCOMPLETE "
                + "ID:0000abcd PROTO=UDP ").packet();
        assertThat(p.ip().source()).isEqualTo(InetAddress.ofLiteral("2001:db8::1"));
        assertThat(p.ip().ttl()).isEqualTo(63);
        assertThat(p.ip().trafficClass()).isZero();
        assertThat(p.ip().flowLabel()).isEqualTo(12345);
        assertThat(p.ip().fragmentOffset()).isEqualTo(1232);
        assertThat(p.ip().moreFragments()).isTrue();
        assertThat(p.ip().id()).isEqualTo(0xabcdL);
        assertThat(p.sourcePort()).isNull();
    }

    @Test
    void incompleteHeaderAndTcpOptions() {
        LoggedPacket p = NetfilterLineReader.read("IN=lo OUT= SRC=127.0.0.1 DST=127.0.0.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF "
                + "PROTO=TCP SPT=1 DPT=2 SEQ=100 ACK=0 WINDOW=65495 RES=0x00 SYN URGP=0 OPT (020405B4) UID=0 GID=0 ").packet();
        assertThat(p.tcp()).isEqualTo(new LoggedPacket.Tcp(65495, 0, 0, 100L, 0L));
        assertThat(p.other()).containsEntry("OPT", "020405B4").containsEntry("UID", "0");
        LoggedPacket cut = NetfilterLineReader.read("IN=lo OUT= SRC=127.0.0.1 DST=127.0.0.1 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 "
                + "PROTO=TCP INCOMPLETE [8 bytes] ").packet();
        assertThat(cut.incomplete()).isEqualTo(8);
        assertThat(cut.sourcePort()).isNull();
    }

    @Test
    void ipchainsLineDecodesTosFlagsOffsetAndRule() {
        PacketLogEntry e = IpchainsLineReader.read("Packet log: forward DENY eth1 PROTO=17 10.1.2.3:234 192.0.2.9:34567 L=78 "
                + "S=0x10 I=13413 F=0x4000 T=112 (#16)");
        assertThat(e.chain()).isEqualTo("forward");
        assertThat(e.action()).isEqualTo("DENY");
        assertThat(e.in()).isEqualTo("eth1");
        assertThat(e.rule()).isEqualTo(16);
        assertThat(e.packet().ip()).isEqualTo(new IpFields(InetAddress.ofLiteral("10.1.2.3"), InetAddress.ofLiteral("192.0.2.9"),
                78, 0x10, 0, null, null, 112, 13413L, false, true, false, 0));
        assertThat(e.packet().sourcePort()).isEqualTo(234);
        assertThat(e.packet().destinationPort()).isEqualTo(34567);

        PacketLogEntry syn = IpchainsLineReader.read("Packet log: input ACCEPT eth0 PROTO=6 192.0.2.9:1025 10.1.2.3:80 L=60 S=0x00 "
                + "I=1 F=0x2005 T=64 SYN (#3)");
        assertThat(syn.packet().tcpFlags()).isEqualTo(List.of("SYN"));
        assertThat(syn.packet().ip().moreFragments()).isTrue();
        assertThat(syn.packet().ip().fragmentOffset()).isEqualTo(40);
        assertThat(syn.packet().sourcePort()).as("a later fragment carries no ports").isNull();

        PacketLogEntry icmp = IpchainsLineReader.read("Packet log: input REJECT eth0 PROTO=1 192.0.2.9:8 10.1.2.3:0 L=84 S=0x00 "
                + "I=5 F=0x0000 T=64 (#1)");
        assertThat(icmp.packet().icmp().type()).isEqualTo(8);
        assertThat(icmp.packet().icmp().code()).isZero();
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> NetfilterLineReader.read("IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 LEN=x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetfilterLineReader.read("IN=eth0 OUT= SRC=10.0.0.1 DST=10.0.0.2 [SRC=10.0.0.2 DST=10.0.0.1"))
                .hasMessageContaining("closing ]");
        assertThatThrownBy(() -> IpchainsLineReader.read("Packet log: input DENY eth0 PROTO=6 truncated"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
