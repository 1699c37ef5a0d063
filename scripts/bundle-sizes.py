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
import sys

import wasm_split_loader


def kib(n):
    return n // 1024


def main():
    folder, budget = sys.argv[1], int(sys.argv[2])
    console_budget = int(sys.argv[3]) if len(sys.argv) > 3 else 0

    def br(name):
        return os.path.getsize(os.path.join(folder, name + ".br"))

    with open(os.path.join(folder, "__wasm_split.js")) as f:
        try:
            loaders = wasm_split_loader.read(f.read())
        except wasm_split_loader.LoaderFormatError as e:
            sys.exit(str(e))
    pieces = {l.page: name for name, l in loaders.items() if l.page}
    parts = {l.part: name for name, l in loaders.items() if l.part}

    base = sum(br(n) for n in ("qianyue.js", "qianyue_bg.wasm", "qianyue.css", "__wasm_split.js"))
    print(f"every page: js + main wasm + css + loader = {kib(base)} KiB "
          f"(main wasm {kib(br('qianyue_bg.wasm'))} KiB)")
    def needs(name):
        """The piece's own size, and the chunks it imports, directly or not."""
        chunks = wasm_split_loader.needs(loaders, name)
        if loaders[name].pack:
            # One response: the piece and its chunks, compressed together.
            return br(loaders[name].pack), len(chunks), 0
        return br(loaders[name].file), len(chunks), sum(br(loaders[d].file) for d in chunks)

    largest = ("", base)
    for page, name in sorted(pieces.items()):
        own, chunks, shared = needs(name)
        total = base + own + shared
        if loaders[name].pack:
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
