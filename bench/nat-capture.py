"""Writes a pair of firewall captures (inside and outside, pcap, Ethernet) of FLOWS tcp connections.

Usage: nat-capture.py FLOWS IN.pcap OUT.pcap
Each connection: handshake, 100 bytes out, 1000 back, both FINs, the last ACK: 10 packets inside and
10 translated copies outside (source 192.168.77.x:port becomes 10.77.0.1:port). A new connection starts
every 20 microseconds and lasts 100, so a handful is open at any moment whatever FLOWS is: memory must
follow the open flows, not the file size.
"""
import struct
import sys

INSIDE_NET = 0xC0A84D00   # 192.168.77.0
FIREWALL_OUT = 0x0A4D0001  # 10.77.0.1
SERVER = 0x0A4D0002        # 10.77.0.2
ETHERNET = bytes(12) + b"\x08\x00"
SYN, FIN, ACK, PSH = 0x02, 0x01, 0x10, 0x08


def packet(src, dst, sport, dport, seq, ack, flags, payload):
    total = 20 + 20 + payload
    ip = struct.pack("!BBHHHBBHII", 0x45, 0, total, 0, 0x4000, 64, 6, 0, src, dst)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    return ETHERNET + ip + tcp + bytes(payload)


def main():
    flows, inside_path, outside_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    start = 1_700_000_000 * 1_000_000
    with open(inside_path, "wb", buffering=1 << 20) as inside, open(outside_path, "wb", buffering=1 << 20) as outside:
        inside.write(header)
        outside.write(header)

        def record(f, micros, frame):
            f.write(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(frame), len(frame)))
            f.write(frame)

        for n in range(flows):
            host = INSIDE_NET | (2 + n % 250)
            port = 1024 + (n // 250) % 64000
            c, s = (n * 7919) & 0xFFFFFFFF, (n * 104729) & 0xFFFFFFFF
            t = start + n * 20
            # (from inside?, seq, ack, flags, payload)
            steps = [(True, c, 0, SYN, 0), (False, s, c + 1, SYN | ACK, 0), (True, c + 1, s + 1, ACK, 0),
                     (True, c + 1, s + 1, PSH | ACK, 100), (False, s + 1, c + 101, ACK, 0),
                     (False, s + 1, c + 101, PSH | ACK, 1000), (True, c + 101, s + 1001, ACK, 0),
                     (True, c + 101, s + 1001, FIN | ACK, 0), (False, s + 1001, c + 102, FIN | ACK, 0),
                     (True, c + 102, s + 1002, ACK, 0)]
            for i, (out, seq, ack, flags, payload) in enumerate(steps):
                at = t + i * 10
                seq &= 0xFFFFFFFF
                ack &= 0xFFFFFFFF
                if out:
                    record(inside, at, packet(host, SERVER, port, 8000, seq, ack, flags, payload))
                    record(outside, at + 1, packet(FIREWALL_OUT, SERVER, port, 8000, seq, ack, flags, payload))
                else:
                    record(outside, at, packet(SERVER, FIREWALL_OUT, 8000, port, seq, ack, flags, payload))
                    record(inside, at + 1, packet(SERVER, host, 8000, port, seq, ack, flags, payload))


if __name__ == "__main__":
    main()
