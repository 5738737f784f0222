#!/usr/bin/env python3
"""Sends one Ethernet frame per probe on an interface (fwcheck kernel tests; standard library only).

Usage: send_probes.py IFNAME SRC_MAC DST_MAC < probes
       send_probes.py --local < probes

With --local, each probe is sent as an IP packet from this host (raw sockets with the IP header
included), so it passes the OUTPUT hook; a packet the firewall drops there fails with EPERM, which
is expected, and any other error fails the run.

Each input line is one probe, fields separated by blanks:
    ID FAMILY PROTO SRC DST A B
FAMILY is 4 or 6. For TCP (6) a SYN and UDP (17) a datagram from port A to port B; for ICMP (1)
and ICMPv6 (58) a message of type A and code B (echo requests carry ID as identifier; neighbour
solicitations and advertisements name DST as target); any other protocol gets 8 zero bytes.
Frames go to DST_MAC only: the tests send into their own network namespaces.
Prints the number of frames sent.
"""
import socket
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def mac(text):
    return bytes(int(part, 16) for part in text.split(":"))


def payload(family, proto, src, dst, a, b, ident):
    if proto == 6:
        header = struct.pack("!HHIIBBHHH", a, b, 1000 + ident, 0, 5 << 4, 0x02, 65535, 0, 0)
    elif proto == 17:
        header = struct.pack("!HHHH", a, b, 8, 0)
    elif proto == 1 and family == 4:
        body = struct.pack("!HH", ident & 0xFFFF, 1) + b"fwcheck!"
        msg = struct.pack("!BBH", a, b, 0) + body
        return msg[:2] + struct.pack("!H", checksum(msg)) + msg[4:]
    elif proto == 58 and family == 6:
        if a in (135, 136):
            body = struct.pack("!I", 0x60000000 if a == 136 else 0) + dst
        else:
            body = struct.pack("!HH", ident & 0xFFFF, 1) + b"fwcheck!"
        header = struct.pack("!BBH", a, b, 0) + body
    else:
        return b"\0" * 8
    if family == 4:
        pseudo = src + dst + struct.pack("!BBH", 0, proto, len(header))
    else:
        pseudo = src + dst + struct.pack("!I3xB", len(header), proto)
    c = checksum(pseudo + header)
    if proto == 17 and c == 0:
        c = 0xFFFF
    offset = {6: 16, 17: 6, 58: 2}[proto]
    return header[:offset] + struct.pack("!H", c) + header[offset + 2:]


def packet(family, proto, src_text, dst_text, a, b, ident):
    if family == 4:
        src = socket.inet_pton(socket.AF_INET, src_text)
        dst = socket.inet_pton(socket.AF_INET, dst_text)
        data = payload(4, proto, src, dst, a, b, ident)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(data), ident & 0xFFFF, 0, 64, proto, 0, src, dst)
        return ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:] + data
    src = socket.inet_pton(socket.AF_INET6, src_text)
    dst = socket.inet_pton(socket.AF_INET6, dst_text)
    data = payload(6, proto, src, dst, a, b, ident)
    hop = 255 if proto == 58 and a >= 133 else 64
    return struct.pack("!IHBB16s16s", 0x60000000, len(data), proto, hop, src, dst) + data


def frame(src_mac, dst_mac, family, proto, src_text, dst_text, a, b, ident):
    kind = b"\x08\x00" if family == 4 else b"\x86\xdd"
    return dst_mac + src_mac + kind + packet(family, proto, src_text, dst_text, a, b, ident)


def probes():
    """The probes of standard input: (ID, FAMILY, PROTO, SRC, DST, A, B) with the numbers as ints."""
    for line in sys.stdin:
        fields = line.split()
        if fields:
            yield (int(fields[0]), int(fields[1]), int(fields[2]), fields[3], fields[4], int(fields[5]),
                   int(fields[6]))


def send_local():
    sockets = {4: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW),
               6: socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)}
    sent = 0
    for ident, family, proto, src, dst, a, b in probes():
        try:
            sockets[family].sendto(packet(family, proto, src, dst, a, b, ident), (dst, 0))
        except PermissionError:
            pass  # dropped by the OUTPUT chain
        sent += 1
    for s in sockets.values():
        s.close()
    print(sent)


def main():
    if sys.argv[1] == "--local":
        send_local()
        return
    ifname, src_mac, dst_mac = sys.argv[1], mac(sys.argv[2]), mac(sys.argv[3])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    sent = 0
    for ident, family, proto, src, dst, a, b in probes():
        s.send(frame(src_mac, dst_mac, family, proto, src, dst, a, b, ident))
        sent += 1
    s.close()
    print(sent)


if __name__ == "__main__":
    main()
