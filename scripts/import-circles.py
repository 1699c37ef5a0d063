#!/usr/bin/env python3
"""Import circles between the files of each crate (issue 32 item 7).

A file "imports" another when it names a path into it: `use crate::a::b`, a
`crate::a::b::f()` in an expression, or `super::…`. Circles are the strongly connected
components of that graph with more than one file; a parent's `mod child;` is not an import.
Prints each circle and exits 1 when there is one, so CI can hold the line at zero.
"""
import os
import re
import sys

CRATES = ["domain", "catalog", "service", "app", "server", "pdf", "frontend"]
PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*)\};", re.S)


def modules(src):
    """module path (tuple) -> file, for every .rs file under src."""
    found = {}
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)[:-3].split(os.sep)
            if rel in (["lib"], ["main"]):
                parts = ()
            elif rel[-1] == "mod":
                parts = tuple(rel[:-1])
            else:
                parts = tuple(rel)
            found[parts] = os.path.join(root, name)
    return found


PUB_USE = re.compile(r"\bpub(?:\([a-z]+\))?\s+use\s+([^;]+);")


def reexports(mods, texts):
    """(module, name) -> the full path a `pub use` there names, so that a path through a
    re-export lands in the file that defines the item, not in the one that passes it on."""
    found = {}
    for here, text in texts.items():
        for m in PUB_USE.finditer(text):
            body = re.sub(r"\s+", "", m.group(1))
            prefix, _, group = body.partition("::{")
            items = group.rstrip("}").split(",") if group else [None]
            for item in items:
                path = (prefix + "::" + item if item else prefix).split("::")
                name = path[-1].split("as")[-1] if "as" in path[-1] else path[-1]
                path[-1] = path[-1].split("as")[0]
                if path[0] == "crate":
                    full = tuple(path[1:])
                elif path[0] == "super":
                    full = here[:-1] + tuple(path[1:])
                elif path[0] == "self":
                    full = here + tuple(path[1:])
                elif here + (path[0],) in mods:
                    full = here + tuple(path)
                else:
                    continue  # another crate's item
                if name:
                    found[(here, name)] = full
    return found


def owner(mods, path, hops=0):
    """The file a module path lands in: the longest prefix that is a file, followed
    through re-exports."""
    for n in range(len(path), -1, -1):
        if path[:n] in mods:
            rest = path[n:]
            if rest and (path[:n], rest[0]) in REEXPORTS and hops < 8:
                return owner(mods, REEXPORTS[(path[:n], rest[0])] + rest[1:], hops + 1)
            return path[:n]
    return ()


REEXPORTS = {}


def strip_tests(text):
    # #[cfg(test)] modules may import anything of their parent: not a circle of production
    # code. Comments (doc links included) import nothing.
    cut = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
    text = text[: cut.start()] if cut else text
    return re.sub(r"//[^\n]*", "", text)


def references(here, text):
    base_of = {"crate": (), "super": here[:-1]}
    refs = []
    for m in USE_GROUP.finditer(text):
        base = base_of[m.group(1)] + tuple(p for p in m.group(2).split("::") if p)
        for item in re.split(r",", m.group(3)):
            item = item.strip().split(" as ")[0].strip()
            head = [p for p in re.split(r"::", item) if p and p.isidentifier() and p != "self"]
            refs.append(base + tuple(head[:-1] if len(head) > 1 else head))
    for m in PATH.finditer(text):
        refs.append(base_of[m.group(1)] + tuple(p for p in m.group(2).split("::") if p))
    return refs


def circles(crate):
    src = os.path.join(crate, "src")
    mods = modules(src)
    edges = {m: set() for m in mods}
    texts = {}
    for here, file in mods.items():
        with open(file, encoding="utf-8") as f:
            texts[here] = strip_tests(f.read())
    REEXPORTS.clear()
    REEXPORTS.update(reexports(mods, texts))
    for here, text in texts.items():
        for ref in references(here, text):
            target = owner(mods, ref)
            if target != here:
                edges[here].add(target)
    return [sorted(c) for c in scc(edges) if len(c) > 1], mods, edges


def scc(edges):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def main():
    total = 0
    for crate in CRATES:
        found, mods, edges = circles(crate)
        for c in found:
            total += 1
            name = lambda m: os.path.relpath(mods[m], os.path.join(crate, "src"))
            print(f"{crate}: " + ", ".join(name(m) for m in c))
            for m in c:
                inside = sorted(name(w) for w in edges[m] if w in c)
                print(f"    {name(m)} -> {', '.join(inside)}")
    print(f"{total} import circle(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
