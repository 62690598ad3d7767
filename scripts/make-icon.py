#!/usr/bin/env python3
"""Draws Accord's source icon (two overlapping circles on a rounded square) as a 1024 px PNG.

Pure standard library so it runs anywhere; `npx tauri icon icons/source.png` then derives
every size the bundles need. Run only when the design changes; the outputs are committed.
"""
import struct
import sys
import zlib

SIZE = 1024


def blend(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def pixel(x, y):
    bg = (0, 0, 0, 0)
    tile = (30, 58, 95, 255)
    left = (94, 178, 166)
    right = (240, 180, 90)
    both = (250, 246, 235)
    r = 180
    m = 60
    # Rounded square with radius r and margin m.
    cx = min(max(x, m + r), SIZE - m - r)
    cy = min(max(y, m + r), SIZE - m - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return bg
    c1 = ((x - 420) ** 2 + (y - 512) ** 2) ** 0.5 < 250
    c2 = ((x - 604) ** 2 + (y - 512) ** 2) ** 0.5 < 250
    if c1 and c2:
        return both + (255,)
    if c1:
        return left + (255,)
    if c2:
        return right + (255,)
    return tile


def png(path):
    rows = bytearray()
    for y in range(SIZE):
        rows.append(0)
        for x in range(SIZE):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(bytes(rows), 9)))
        f.write(chunk(b"IEND", b""))


if __name__ == "__main__":
    png(sys.argv[1] if len(sys.argv) > 1 else "icons/source.png")
