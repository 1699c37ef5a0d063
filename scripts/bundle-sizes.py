#!/usr/bin/env python3
"""What each page of the browser bundle needs at first, compressed (brotli).

usage: bundle-sizes.py BUNDLE_DIR BUDGET_KIB [CONSOLE_WASM_KB]   (0: print only)

A page loads the main script, the main WebAssembly module, the stylesheet and the
pieces' loader (`__wasm_split.js`, which the main script imports); a page whose route is
lazy (app/src/routes.rs) also loads its own piece and every chunk that piece imports,
which `__wasm_split.js` lists. Parts of pages few visits use (app/src/components/
deferred.rs) come after, when shown; they are listed, not counted. Prints one line per
page and exits 1 when the largest is over the budget, or when the WebAssembly one of the
customer's console pages needs at first (the contract home: the main module; a contract;
the creation wizard) is over CONSOLE_WASM_KB — decimal kilobytes, as issue 13 states its
target (350 KB = 341.8 KiB). Sizes come from the `.br` files
beside each file (scripts/build.sh).
"""

# The customer's console pages (issue 13's budget) by piece; the contract home is in the
# main module (app/src/lib.rs), so it needs no piece.
CONSOLE = {"contract_home": None, "contract": "contract_detail", "wizard": "new_contract"}

import os
import re
import sys

# One loader per module in __wasm_split.js:
#   const __chunk_7 = makeLoad(() => { const src = fetch(new URL("./chunk_7.wasm", …
#   export const __wasm_split_load___ops_route_view_123 = wrapAsyncCb(makeLoad(() => { …
#   …
#   , [__chunk_7, __chunk_9]);
# A page's piece with its chunks in one file (scripts/wasm-packs.py) reads
#   export const __wasm_split_load___ops_route_view_123 = wrapAsyncCb(packed("pack_ops.bin",
#     [...], makeLoad(() => { const src = fetchModule("split___ops_route_view_123.wasm"); …
LOADER = re.compile(
    r"(?:const (?P<chunk>__chunk_\d+)|export const __wasm_split_load_(?P<piece>\w+))"
    r' = (?:wrapAsyncCb\((?:packed\("(?P<pack>[^"]+)", \[[^\]]*\], )?)?makeLoad\(\(\) => \{\s*'
    r'const src = (?:fetch\(new URL\("\./|fetchModule\(")(?P<file>[^"]+)"'
    r".*?\n,\s*\[(?P<deps>[^\]]*)\]",
    re.S,
)


def kib(n):
    return n // 1024


def main():
    folder, budget = sys.argv[1], int(sys.argv[2])
    console_budget = int(sys.argv[3]) if len(sys.argv) > 3 else 0

    def br(name):
        return os.path.getsize(os.path.join(folder, name + ".br"))

    loaders = {}
    packs = {}
    pieces = {}
    parts = {}
    with open(os.path.join(folder, "__wasm_split.js")) as f:
        for m in LOADER.finditer(f.read()):
            deps = [d.strip() for d in m["deps"].split(",") if d.strip()]
            name = m["chunk"] or m["piece"]
            loaders[name] = (m["file"], deps)
            if m["pack"]:
                packs[name] = m["pack"]
            if m["piece"]:
                # __contract_detail_route_view_8503… → page contract_detail;
                # dual_panel_8503… → part dual_panel
                piece = re.sub(r"^_+|_\d+$", "", m["piece"])
                page = piece.removesuffix("_route_view")
                (pieces if page != piece else parts)[page] = name
    if not pieces:
        sys.exit("no lazily loaded page found in __wasm_split.js")

    base = sum(br(n) for n in ("qianyue.js", "qianyue_bg.wasm", "qianyue.css", "__wasm_split.js"))
    print(f"every page: js + main wasm + css + loader = {kib(base)} KiB "
          f"(main wasm {kib(br('qianyue_bg.wasm'))} KiB)")
    def needs(name):
        """The piece's own size, and the chunks it imports, directly or not."""
        seen, todo = set(), list(loaders[name][1])
        while todo:
            dep = todo.pop()
            if dep not in seen:
                seen.add(dep)
                todo.extend(loaders[dep][1])
        if name in packs:
            # One response: the piece and its chunks, compressed together.
            return br(packs[name]), len(seen), 0
        return br(loaders[name][0]), len(seen), sum(br(loaders[d][0]) for d in seen)

    largest = ("", base)
    for page, name in sorted(pieces.items()):
        own, chunks, shared = needs(name)
        total = base + own + shared
        if name in packs:
            print(f"  {page:18} + own and {chunks:3} chunks in one pack {kib(own):4} KiB"
                  f" = {kib(total):4} KiB")
        else:
            print(f"  {page:18} + own {kib(own):4} KiB + {chunks:3} chunks {kib(shared):4} KiB"
                  f" = {kib(total):4} KiB")
        if total > largest[1]:
            largest = (page, total)
    print("parts fetched when shown (at most, before what the page has already):")
    for part, name in sorted(parts.items()):
        own, chunks, shared = needs(name)
        print(f"  {part:18}   own {kib(own):4} KiB + {chunks:3} chunks {kib(shared):4} KiB")
    main_wasm = br("qianyue_bg.wasm")
    console = {}
    for page, piece in CONSOLE.items():
        own, _, shared = needs(pieces[piece]) if piece else (0, 0, 0)
        console[page] = main_wasm + own + shared
    print("console pages' WebAssembly at first: " + ", ".join(
        f"{page} {size / 1000:.1f} KB" for page, size in console.items()))
    over = [page for page, size in console.items() if size > console_budget * 1000]
    if console_budget and over:
        print(f"{', '.join(over)}: WebAssembly over its budget (QY_CONSOLE_WASM_KB="
              f"{console_budget} in scripts/build.sh)", file=sys.stderr)
        sys.exit(1)
    if budget:
        print(f"largest first load ({largest[0]}): {kib(largest[1])} KiB of a {budget} KiB budget")
        if kib(largest[1]) > budget:
            print(f"a page's first load is over its budget (QY_BUNDLE_BUDGET_KIB={budget}"
                  " in scripts/build.sh)", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
