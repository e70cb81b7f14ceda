#!/usr/bin/env python3
"""How readable an asl-dot SVG is, in numbers: edge crossings, edge length, picture size.

    tests/bench/picture_metrics.py FILE.svg...

Reads the SVG contract only (edges are groups with the class `edge`; their <path> is the drawn
spline). Each cubic Bezier is flattened into 8 segments; two edges cross where two of their
segments intersect properly (touching ends, as at a shared node, do not count). Prints one JSON
object per file: edges, crossings, edge_length (points), width and height (points).
Python 3 standard library only; a grid of buckets keeps it near-linear on giant pictures.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
NUM = re.compile(r'-?\d+(?:\.\d+)?(?:e[-+]?\d+)?')
CELL = 64.0


def flatten(d):
    """Points of a Graphviz edge path ("M x,y C x,y x,y x,y ...")."""
    nums = [float(n) for n in NUM.findall(d)]
    pts = list(zip(nums[0::2], nums[1::2]))
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = out[-1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, 9):
            t = k / 8.0
            u = 1 - t
            out.append((u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
                        u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1]))
    return out


def _orient(a, b, c):
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 1e-9) - (v < -1e-9)


def _cross(s, t):
    a, b = s
    c, d = t
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def measure(svg_bytes):
    root = ET.fromstring(svg_bytes)
    width = float(NUM.findall(root.get('width', '0'))[0] or 0)
    height = float(NUM.findall(root.get('height', '0'))[0] or 0)
    edges = []
    for g in root.iter(SVG + 'g'):
        if 'edge' not in (g.get('class') or '').split():
            continue
        for p in g.iter(SVG + 'path'):
            pts = flatten(p.get('d') or '')
            if len(pts) > 1:
                edges.append(pts)
            break
    length = 0.0
    grid = {}
    for ei, pts in enumerate(edges):
        for si in range(len(pts) - 1):
            a, b = pts[si], pts[si + 1]
            length += ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
            x0, x1 = sorted((int(a[0] // CELL), int(b[0] // CELL)))
            y0, y1 = sorted((int(a[1] // CELL), int(b[1] // CELL)))
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    grid.setdefault((cx, cy), []).append((ei, (a, b)))
    pairs = set()
    for segs in grid.values():
        for i in range(len(segs)):
            ei, s = segs[i]
            for j in range(i + 1, len(segs)):
                ej, t = segs[j]
                if ei != ej and _cross(s, t):
                    pairs.add((min(ei, ej), max(ei, ej), s, t) if ei < ej else (ej, ei, t, s))
    return {'edges': len(edges), 'crossings': len(pairs), 'edge_length': round(length),
            'width': width, 'height': height}


def main():
    for f in sys.argv[1:]:
        with open(f, 'rb') as fh:
            print(json.dumps(dict(file=f, **measure(fh.read()))))


if __name__ == '__main__':
    main()
