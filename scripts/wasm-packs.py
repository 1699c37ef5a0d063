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

out = Path(sys.argv[1])
loader = out / "__wasm_split.js"
js = loader.read_text()

chunks = dict(re.findall(
    r'const (__chunk_\d+) = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\./([\w.]+)", import\.meta\.url\)\);', js))
route = re.compile(
    r'export const (__wasm_split_load___(\w+?)_route_view_\d+) = wrapAsyncCb\(makeLoad\(\(\) => \{\n'
    r'\s*const src = fetch\(new URL\("\./([\w.]+)", import\.meta\.url\)\);(?:.|\n)*?\n, \[([^\]]*)\]\)\);')

packs = {}
for export, page, own, deps in route.findall(js):
    files = [own] + [chunks[d.strip()] for d in deps.split(",") if d.strip()]
    name = f"pack_{page}.bin"
    index = json.dumps([[f, (out / f).stat().st_size] for f in files]).encode()
    with open(out / name, "wb") as pack:
        pack.write(struct.pack("<I", len(index)) + index)
        for f in files:
            pack.write((out / f).read_bytes())
    packs[export] = (name, files)
if not packs:
    sys.exit("wasm-packs.py: no page pieces found in __wasm_split.js (has its format changed?)")

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
js = re.sub(r'fetch\(new URL\("\./([\w.]+\.wasm)", import\.meta\.url\)\)', r'fetchModule("\1")', js)
for export, (name, files) in packs.items():
    js = js.replace(
        f"export const {export} = wrapAsyncCb(makeLoad(",
        f"export const {export} = wrapAsyncCb(packed({json.dumps(name)}, {json.dumps(files)}, makeLoad(", 1)
    # close the extra call: the export's statement ends with `]));`
js = re.sub(r'(export const (\w+) = wrapAsyncCb\(packed\((?:.|\n)*?\n, \[[^\]]*\]\)\));',
            r'\1);', js)
helper += '''function packed(pack, files, load) {
    return () => { usePack(pack, files); return load(); };
}
'''
first_newline = js.index("\n") + 1
loader.write_text(js[:first_newline] + helper + js[first_newline:])
print(f"wasm-packs: {len(packs)} pages packed", file=sys.stderr)
