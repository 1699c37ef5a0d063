#!/usr/bin/env python3
"""Packs each page's piece of the bundle and the chunks it needs into one file (issue 33).

wasm-split-cli cuts the linked WebAssembly into a module per page and ~140 chunks that
pages share, most of them a few hundred bytes; its loader (`__wasm_split.js`) fetches each
one on its own. A page of the console needed 13 to 54 of them at first, and each fetch
costs the main thread time while it hydrates (Lighthouse's long tasks on /esign). Here each
page's own module and its chunks go into one file, `pack_<page>.bin`, fetched once when the
page's piece is first asked for; the loader then takes each module from it. Parts shown
later (`deferred`) still fetch their files one by one: most of their chunks are the page's.

    scripts/wasm-packs.py DIR    (the bundle folder holding __wasm_split.js)

A pack is: a 4-byte little-endian length, that many bytes of JSON `[[file, size], ...]`,
then the files' bytes in that order.
"""
import json
import re
import struct
import sys
from pathlib import Path

import wasm_split_loader

out = Path(sys.argv[1])
loader = out / "__wasm_split.js"
js = loader.read_text()
try:
    loaders = wasm_split_loader.read(js)
except wasm_split_loader.LoaderFormatError as e:
    sys.exit(f"wasm-packs.py: {e}")

packs = {}
for name, piece in loaders.items():
    if not piece.page:
        continue
    if piece.pack:
        sys.exit(f"wasm-packs.py: {loader} is packed already")
    files = [piece.file] + [loaders[d].file for d in wasm_split_loader.needs(loaders, name)]
    pack = f"pack_{piece.page}.bin"
    index = json.dumps([[f, (out / f).stat().st_size] for f in files]).encode()
    with open(out / pack, "wb") as written:
        written.write(struct.pack("<I", len(index)) + index)
        for f in files:
            written.write((out / f).read_bytes())
    packs[name] = (pack, files)

helper = '''
// One file per page (scripts/wasm-packs.py): its module and its chunks, fetched together.
const fromPacks = new Map();
const fetched = new Set();
function usePack(pack, files) {
    // Nothing to gain when every file is on its way or here already (a page opened again).
    const wanted = files.filter(f => !fromPacks.has(f) && !fetched.has(f));
    if (wanted.length === 0) return;
    const contents = fetch(new URL("./" + pack, import.meta.url))
        .then(r => { if (!r.ok) throw new Error(`${pack}: ${r.status}`); return r.arrayBuffer(); })
        .then(buffer => {
            const length = new DataView(buffer).getUint32(0, true);
            const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
            const files = new Map();
            let at = 4 + length;
            for (const [file, size] of index) { files.set(file, new Uint8Array(buffer, at, size)); at += size; }
            return files;
        });
    for (const f of wanted) fromPacks.set(f, contents.then(files => files.get(f)));
}
// A file from its pack once one was asked for, else on its own; a failed pack is not
// kept, so the next attempt fetches the file itself.
function fetchModule(file) {
    const packed = fromPacks.get(file);
    const plain = () => fetch(new URL("./" + file, import.meta.url));
    fetched.add(file);
    if (packed === undefined) return plain();
    fromPacks.delete(file);
    return packed.then(
        bytes => new Response(bytes, { headers: { "Content-Type": "application/wasm" } }),
        plain);
}
'''
# Each page's statement takes its modules from its pack: `wrapAsyncCb(makeLoad(…, [deps]))`
# becomes `wrapAsyncCb(packed(pack, files, makeLoad(…, [deps])))`. From the last statement
# to the first, so the places read above stay where they are.
for name, (pack, files) in sorted(packs.items(), key=lambda p: -loaders[p[0]].start):
    statement = js[loaders[name].start:loaders[name].end]
    opening = f"export const {name} = wrapAsyncCb(makeLoad("
    if not (statement.startswith(opening) and statement.endswith("]));")):
        sys.exit(f"wasm-packs.py: {name}'s statement is not `{opening}…]));`")
    statement = (f"export const {name} = wrapAsyncCb(packed({json.dumps(pack)}, {json.dumps(files)}, makeLoad("
                 + statement[len(opening):-1] + ");")
    js = js[:loaders[name].start] + statement + js[loaders[name].end:]
# Every module, packed or not, is fetched through fetchModule, which knows the packs.
js, fetches = re.subn(r'fetch\(new URL\("\./([\w.]+\.wasm)", import\.meta\.url\)\)', r'fetchModule("\1")', js)
if fetches != len(loaders):
    sys.exit(f"wasm-packs.py: {fetches} fetches rewritten for {len(loaders)} modules")
helper += '''function packed(pack, files, load) {
    return () => { usePack(pack, files); return load(); };
}
'''
first_newline = js.index("\n") + 1
loader.write_text(js[:first_newline] + helper + js[first_newline:])
print(f"wasm-packs: {len(packs)} pages packed", file=sys.stderr)
