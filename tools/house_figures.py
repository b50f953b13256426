#!/usr/bin/env python3
"""The house figures of ARCHITECTURE.md for a checkout (default: this one), so a before and an
after can be measured the same way: python3 tools/house_figures.py [DIR]

- feature→feature imports: files of one feature folder naming another (`crate::x`,
  `crate::{x, …}` across lines, `super::` chains that climb to the root), the module pairs
  they make, pairs that import each other both ways, and whether the feature graph has a cycle;
- source files over 500 lines outside tests and texts (src/, core/src, entity/src, migration/src);
- state string literals in src/ outside tests;
- user-facing text pairs left in Rust (`T("中文", "English")`, `Msg::new`, `lang_zh` flags).
The import rules themselves are enforced by tests/architecture.rs; this only counts."""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
SRC = os.path.join(ROOT, "src")
# Feature folders of either layout (before the house: `auth` and the shell pieces kept in
# features; after: services and audiences).
FEATURES = {"accounts", "auth", "vendors", "sites", "markets", "documents", "applications",
            "bookings", "allocations", "permits", "reports", "notices", "audit", "admin",
            "home", "public", "vendor_pages"}
SHELL_NOW = {"notices", "audit"}  # shell modules after the house


def code_only(text):
    out = []
    for line in text.split("\n"):
        i = line.find("//")
        out.append(line[:i] if i >= 0 and '"' not in line[:i] else line)
    return "\n".join(out)


def refs(code, depth):
    found = set()
    for m in re.finditer(r"(?<![A-Za-z0-9_])crate::", code):
        i = m.end()
        if code[i:i + 1] == "{":
            level, item, k = 0, True, i
            while k < len(code):
                c = code[k]
                if c == "{":
                    level += 1
                    item = True if level == 1 else item
                elif c == "}":
                    level -= 1
                    if level == 0:
                        break
                elif c == "," and level == 1:
                    item = True
                elif item and level == 1 and (c.isalpha() or c == "_"):
                    found.add(re.match(r"\w+", code[k:]).group(0))
                    item = False
                k += 1
        else:
            mm = re.match(r"\w+", code[i:])
            if mm:
                found.add(mm.group(0))
    for m in re.finditer(r"(?:super::)+", code):
        steps = m.group(0).count("super::")
        if depth and steps >= depth:
            mm = re.match(r"\w+", code[m.end():])
            if mm:
                found.add(mm.group(0))
    return found


def rust_files(top):
    for dp, _, fs in os.walk(top):
        for f in fs:
            if f.endswith(".rs"):
                yield os.path.join(dp, f)


def import_figures(features):
    edges = {}
    for p in rust_files(SRC):
        rel = os.path.relpath(p, SRC).split(os.sep)
        rel[-1] = rel[-1][:-3]
        if rel[-1] == "mod":
            rel.pop()
        if not rel or rel[0] in ("lib", "main"):
            continue
        for t in refs(code_only(open(p, encoding="utf-8").read()), len(rel)):
            if t != rel[0]:
                edges.setdefault((rel[0], t), set()).add(p)
    fe = {k: v for k, v in edges.items() if k[0] in features and k[1] in features}
    pairs = set(fe)
    both = sorted((a, b) for a, b in pairs if a < b and (b, a) in pairs)
    graph = {}
    for a, b in pairs:
        graph.setdefault(a, set()).add(b)
    # Modules on a cycle: strongly connected components of size > 1.
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
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
            sccs.append(comp)

    for v in sorted({m for p in pairs for m in p}):
        if v not in index:
            visit(v)
    cyclic = sorted(m for c in sccs if len(c) > 1 for m in c)
    return sum(len(v) for v in fe.values()), len(pairs), both, cyclic


def long_files():
    out = []
    for d in ("src", "core/src", "entity/src", "migration/src"):
        top = os.path.join(ROOT, d)
        if not os.path.isdir(top):
            continue
        for p in rust_files(top):
            name = os.path.basename(p)
            if "tests" in name or name == "texts.rs":
                continue
            n = sum(1 for _ in open(p, encoding="utf-8"))
            if n > 500:
                out.append(f"{os.path.relpath(p, ROOT)} ({n})")
    return sorted(out)


def state_literals():
    pat = re.compile(r'"(active|approved|pending|cancelled|scheduled|rejected|disabled)"')
    n = 0
    for p in rust_files(SRC):
        if os.path.basename(p) in ("tests.rs", "proptests.rs"):
            continue
        for line in open(p, encoding="utf-8"):
            if line.startswith("#[cfg(test)]"):
                break
            n += len(pat.findall(line))
    return n


def text_pairs():
    pair = re.compile(r'\bT\(\s*"[^"]*",|\bMsg::new\(|lang_zh: bool|Lang::Zh => format')
    n = 0
    for d in ("src", "core/src"):
        top = os.path.join(ROOT, d)
        if not os.path.isdir(top):
            continue
        for p in rust_files(top):
            if os.path.basename(p) == "tests.rs":
                continue
            text = open(p, encoding="utf-8").read()
            # T( on its own line followed by a string on the next (the old texts.rs layout)
            n += len(pair.findall(text)) + len(re.findall(r'\bT\(\s*\n\s*"', text))
    return n


features = {f for f in FEATURES if os.path.isdir(os.path.join(SRC, f))}
if os.path.isdir(os.path.join(SRC, "identity")):
    features -= SHELL_NOW
imports, pairs, both, cyclic = import_figures(features)
print(f"feature folders: {len(features)}")
print(f"feature→feature imports: {imports} files over {pairs} module pairs")
print(f"pairs importing each other both ways: {len(both)} {both if both else ''}")
print(f"feature folders on an import cycle: {len(cyclic)} {cyclic if cyclic else ''}")
lf = long_files()
print(f"source files over 500 lines outside tests and texts: {len(lf)} {lf if lf else ''}")
print(f"state string literals in src/ outside tests: {state_literals()}")
print(f"text pairs left in Rust: {text_pairs()}")
