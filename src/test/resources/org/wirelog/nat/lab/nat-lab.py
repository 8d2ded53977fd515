"""Known traffic for the NAT lab: a server for the outside host, clients for the inside hosts.

server                      tcp on 8000, udp on 9000; prints "ready", then "tcp NAME IP PORT" /
                            "udp NAME IP PORT" for each connection / datagram (the address NAT gave it)
client FLOW...              runs the flows in order, prints "done", then holds the flows marked "hold"
                            open until its standard input ends
  tcp:NAME:SPORT:DPORT:OUT:BACK:CLOSER   OUT payload bytes out, BACK back; CLOSER client|server|hold
                                         (a refused connection prints "refused NAME")
  udp:NAME:SPORT:COUNT:OUT:BACK          COUNT datagrams of OUT bytes, each answered with BACK bytes
  icmp:NAME:ID:COUNT:SIZE                COUNT echo requests with identifier ID and SIZE data bytes
Every loop is bounded by socket time-outs.
"""
import socket
import struct
import sys
import threading

DESTINATION = "10.77.0.2"
TIMEOUT = 10


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("short read")
        data += chunk
    return data


def read_line(sock):
    line = b""
    while not line.endswith(b"\n"):
        line += read_exactly(sock, 1)
    return line


def drain(sock):
    while sock.recv(65536):
        pass


def serve_tcp(conn, peer):
    with conn:
        conn.settimeout(600)
        head = read_line(conn)
        name, out, back, closer = head.decode().split()
        read_exactly(conn, int(out) - len(head))
        print(f"tcp {name} {peer[0]} {peer[1]}", flush=True)
        conn.sendall(b"b" * int(back))
        if closer != "server":
            drain(conn)


def serve_udp(sock):
    while True:
        data, peer = sock.recvfrom(65536)
        name, back = data.split(b"\n", 1)[0].decode().split()
        print(f"udp {name} {peer[0]} {peer[1]}", flush=True)
        sock.sendto(b"b" * int(back), peer)


def server():
    tcp = socket.socket()
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("0.0.0.0", 8000))
    tcp.listen(16)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("0.0.0.0", 9000))
    threading.Thread(target=serve_udp, args=(udp,), daemon=True).start()
    print("ready", flush=True)
    while True:
        conn, peer = tcp.accept()
        threading.Thread(target=serve_tcp, args=(conn, peer), daemon=True).start()


def tcp_flow(name, sport, dport, out, back, closer):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.settimeout(TIMEOUT)
    s.bind(("0.0.0.0", int(sport)))
    try:
        s.connect((DESTINATION, int(dport)))
    except ConnectionRefusedError:
        print(f"refused {name}", flush=True)
        s.close()
        return None
    head = f"{name} {out} {back} {closer}\n".encode()
    s.sendall(head + b"a" * (int(out) - len(head)))
    read_exactly(s, int(back))
    if closer == "hold":
        return s
    if closer == "client":
        s.shutdown(socket.SHUT_WR)
    drain(s)
    s.close()
    return None


def udp_flow(name, sport, count, out, back):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(TIMEOUT)
    s.bind(("0.0.0.0", int(sport)))
    head = f"{name} {back}\n".encode()
    for _ in range(int(count)):
        s.sendto(head + b"a" * (int(out) - len(head)), (DESTINATION, 9000))
        s.recvfrom(65536)
    s.close()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def icmp_flow(name, ident, count, size):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(TIMEOUT)
    for seq in range(1, int(count) + 1):
        payload = bytes(int(size))
        header = struct.pack("!BBHHH", 8, 0, 0, int(ident), seq)
        header = struct.pack("!BBHHH", 8, 0, checksum(header + payload), int(ident), seq)
        s.sendto(header + payload, (DESTINATION, 0))
        while True:  # bounded by the time-out
            packet, _ = s.recvfrom(65536)
            at = (packet[0] & 0x0F) * 4
            kind, _, _, got_id, got_seq = struct.unpack("!BBHHH", packet[at:at + 8])
            if kind == 0 and got_id == int(ident) and got_seq == seq:
                break
    s.close()


def client(flows):
    held = []
    for flow in flows:
        kind, *args = flow.split(":")
        if kind == "tcp":
            s = tcp_flow(*args)
            if s is not None:
                held.append(s)
        elif kind == "udp":
            udp_flow(*args)
        elif kind == "icmp":
            icmp_flow(*args)
        else:
            raise SystemExit(f"unknown flow {flow}")
    print("done", flush=True)
    sys.stdin.read()
    for s in held:
        s.close()


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server()
    else:
        client(sys.argv[2:])
