#!/usr/bin/env python3
"""Merges each page's piece of the bundle and the chunks it needs into one module (issue 33).

wasm-split-cli cuts the linked WebAssembly into a module per page and ~140 chunks that
pages share, most of them a few hundred bytes; its loader (`__wasm_split.js`) fetches and
instantiates each one on its own. A page of the console needed 13 to 54 of them at first,
and each costs the main thread time while the page hydrates: a fetch each (Lighthouse's
long tasks on /esign, 639 ms), then a compilation and an instantiation each (on /ops, with
the 55 modules in one file, the hydration's task was still 263–371 ms). Here each page's
own module and its chunks become one module, `pack_<page>.wasm` (binaryen's wasm-merge),
fetched and instantiated once when the page's piece is first asked for. Parts shown later
(`deferred`) still load their modules one by one, skipping the chunks a page brought.

    scripts/wasm-packs.py DIR UNSPLIT    (DIR: the bundle folder holding __wasm_split.js;
                                          UNSPLIT: the module before wasm-split-cli)

Why merging is sound: a chunk holds functions, which its instantiation writes into the
main module's function table at fixed slots, and read-only data. Instantiated twice (in
two pages' packs, or in a pack and on its own), it writes the same functions and bytes to
the same places. A page's own module may hold writable data (`.data`); it is in one pack
only, and the pack is instantiated once. This checks what it relies on: a chunk with
writable data stops the build.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import wasm_module
import wasm_split_loader

out, unsplit = Path(sys.argv[1]), Path(sys.argv[2])
merge = str(Path(__file__).parent.parent / "end2end/node_modules/.bin/wasm-merge")
if not os.access(merge, os.X_OK):
    sys.exit(f"wasm-packs.py: no {merge} (binaryen from npm: scripts/setup.sh)")
loader = out / "__wasm_split.js"
js = loader.read_text()
try:
    loaders = wasm_split_loader.read(js)
except wasm_split_loader.LoaderFormatError as e:
    sys.exit(f"wasm-packs.py: {e}")

# Where writable data starts: the linker's `.data` segment in the module before the split.
writable = wasm_module.data_segment_offset(unsplit.read_bytes(), ".data")
if writable is None:
    sys.exit(f"wasm-packs.py: {unsplit} names no .data segment (built without its names?)")
for loader_ in loaders.values():
    if loader_.page or loader_.part:
        continue
    offsets = wasm_module.data_offsets((out / loader_.file).read_bytes(), empty=False)
    if any(o is not None and o >= writable for o in offsets):
        sys.exit(f"wasm-packs.py: {loader_.file} holds writable data; it cannot go into two packs")

packs = {}
for name, piece in loaders.items():
    if not piece.page:
        continue
    if piece.pack:
        sys.exit(f"wasm-packs.py: {loader} is packed already")
    files = [piece.file] + [loaders[d].file for d in wasm_split_loader.needs(loaders, name)]
    packs[name] = (f"pack_{piece.page}.wasm", files)


def merged(pack, files):
    """`pack`: the modules of `files` as one. Their imports of the main module's memory,
    table and stack pointer (`__wasm_split`) become one import each: a module named
    `__wasm_split`, which only passes its own imports on, is merged in with them."""
    modules = [(out / f).read_bytes() for f in files]
    with tempfile.TemporaryDirectory() as tmp:
        provider = Path(tmp) / "provider.wasm"
        try:
            provider.write_bytes(wasm_module.pass_through(modules, "__wasm_split", "__wasm_split_host"))
        except wasm_module.FormatError as e:
            sys.exit(f"wasm-packs.py: {pack}: {e}")
        args = [merge, str(provider), "__wasm_split"]
        for f in files:
            args += [str(out / f), f]
        args += ["-o", str(out / pack), "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                 "--enable-reference-types", "--enable-multivalue", "--enable-sign-ext",
                 "--enable-mutable-globals"]
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"wasm-packs.py: wasm-merge for {pack} failed:\n{done.stderr[-2000:]}")


with ThreadPoolExecutor(max_workers=2) as pool:
    for _ in pool.map(lambda p: merged(*p), packs.values()):
        pass

helper = '''
// One module per page (scripts/wasm-packs.py): its piece and its chunks, merged.
// The chunks a page's module brought along are in the function table already; a part
// shown later that needs one of them does not load it again.
const provided = new Set();
const PROVIDED = {};
function fetchModule(file) {
    if (provided.has(file)) return Promise.resolve(PROVIDED);
    return fetch(new URL("./" + file, import.meta.url));
}
function instantiate(src, imports) {
    return src.then(r => r === PROVIDED ? undefined : WebAssembly.instantiateStreaming(r, imports));
}
// A page's piece: its pack, fetched and instantiated once (makeLoad keeps the success);
// if that fails, its modules one by one as wasm-split-cli made them (`load`).
function packed(pack, files, load) {
    return makeLoad(() => {
        const response = fetch(new URL("./" + pack, import.meta.url));
        response.catch(() => {});
        return async (imports) => {
            try {
                await WebAssembly.instantiateStreaming(response, { __wasm_split_host: imports.__wasm_split });
            } catch (e) {
                console.warn(pack, e);
                return load();
            }
            for (const f of files) provided.add(f);
        };
    }, []);
}
'''
# Each page's statement loads its pack: `wrapAsyncCb(makeLoad(…, [deps]))` becomes
# `wrapAsyncCb(packed(pack, files, makeLoad(…, [deps])))`. From the last statement to the
# first, so the places read above stay where they are.
for name, (pack, files) in sorted(packs.items(), key=lambda p: -loaders[p[0]].start):
    statement = js[loaders[name].start:loaders[name].end]
    opening = f"export const {name} = wrapAsyncCb(makeLoad("
    if not (statement.startswith(opening) and statement.endswith("]));")):
        sys.exit(f"wasm-packs.py: {name}'s statement is not `{opening}…]));`")
    statement = (f"export const {name} = wrapAsyncCb(packed({json.dumps(pack)}, {json.dumps(files)}, makeLoad("
                 + statement[len(opening):-1] + ");")
    js = js[:loaders[name].start] + statement + js[loaders[name].end:]
# Every module is fetched through fetchModule and instantiated through instantiate,
# which know what the packs brought.
js, fetches = re.subn(r'fetch\(new URL\("\./([\w.]+\.wasm)", import\.meta\.url\)\)', r'fetchModule("\1")', js)
if fetches != len(loaders):
    sys.exit(f"wasm-packs.py: {fetches} fetches rewritten for {len(loaders)} modules")
js, instantiations = re.subn(r"WebAssembly\.instantiateStreaming\(src, imports\)", "instantiate(src, imports)", js)
if instantiations != len(loaders):
    sys.exit(f"wasm-packs.py: {instantiations} instantiations rewritten for {len(loaders)} modules")
first_newline = js.index("\n") + 1
loader.write_text(js[:first_newline] + helper + js[first_newline:])
print(f"wasm-packs: {len(packs)} pages merged", file=sys.stderr)
