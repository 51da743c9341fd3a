#!/usr/bin/env python3
"""Prints the include cycles among the files of one source folder.

A file unit is x.h with x.cc (tests left out); unit A depends on unit B when A's header or
source includes B's header. Exits 1 when a cycle remains, 0 otherwise.

    scripts/include-cycles.py src/reports
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def units(folder):
    root = pathlib.Path(folder)
    deps = {}
    for path in sorted(root.iterdir()):
        if path.suffix not in (".h", ".cc") or path.stem.endswith("_test"):
            continue
        unit = path.stem
        deps.setdefault(unit, set())
        for inc in INCLUDE.findall(path.read_text()):
            target = pathlib.Path(inc)
            if target.parent.name == root.name and target.stem != unit:
                deps[unit].add(target.stem)
    return deps


def cycles(deps):
    """Strongly connected components of more than one unit (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(deps.get(v, ())):
            if w not in deps:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    found = cycles(units(sys.argv[1]))
    for comp in found:
        print("cycle: " + " <-> ".join(comp))
    if not found:
        print(f"no include cycle among the files of {sys.argv[1]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
