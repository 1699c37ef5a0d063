"""Reads the loader wasm-split-cli writes, `__wasm_split.js`: one entry per module it loads.

One reader for the two scripts that need it: scripts/wasm-packs.py, which packs each
page's modules into one file and rewrites the loader to use the packs, and
scripts/bundle-sizes.py, which measures what each page loads.

The loader has one statement per module:

    const __chunk_7 = makeLoad(() => {
        const src = fetch(new URL("./chunk_7.wasm", import.meta.url));
        …
    }
    , [__chunk_3]);
    export const __wasm_split_load___ops_route_view_123 = wrapAsyncCb(makeLoad(() => {
        const src = fetch(new URL("./split___ops_route_view_123.wasm", import.meta.url));
        …
    }
    , [__chunk_7, __chunk_9]));

and, once scripts/wasm-packs.py has rewritten it, a page's statement reads

    export const __wasm_split_load___ops_route_view_123 = wrapAsyncCb(packed("pack_ops.wasm",
        […], makeLoad(() => {
        const src = fetchModule("split___ops_route_view_123.wasm");
        …
    , [__chunk_7, __chunk_9])));

A format this does not know fails loudly (`LoaderFormatError`): the packer and the size
check both stop the build rather than measure or rewrite half of it.
"""

import re
from dataclasses import dataclass

STATEMENT = re.compile(
    r"(?:const (?P<chunk>__chunk_\d+)|export const (?P<export>__wasm_split_load_(?P<piece>\w+)))"
    r' = (?:wrapAsyncCb\((?:packed\("(?P<pack>[^"]+)", \[[^\]]*\], )?)?makeLoad\(\(\) => \{\s*'
    r'const src = (?:fetch\(new URL\("\./|fetchModule\(")(?P<file>[^"]+)"'
    r".*?\n,\s*\[(?P<deps>[^\]]*)\]\)+;",
    re.S,
)


class LoaderFormatError(Exception):
    pass


@dataclass
class Loader:
    """One module's statement in the loader."""

    name: str  # the JavaScript name: `__chunk_7`, `__wasm_split_load___ops_route_view_123`
    file: str  # its WebAssembly file, beside the loader
    deps: list  # the names of the chunks it needs first
    pack: str | None  # the pack it is taken from, once the loader was rewritten
    page: str | None  # a route's piece: the page (`ops`, `contract_detail`)
    part: str | None  # a part shown later (`deferred`): `dual_panel`, `item_picker`
    start: int  # where its statement is in the loader's text
    end: int


def read(js):
    """Every module's statement in the loader's text, by name, in order."""
    loaders = {}
    for m in STATEMENT.finditer(js):
        page = part = None
        if m["piece"]:
            # __contract_detail_route_view_8503… → page contract_detail;
            # dual_panel_8503… → part dual_panel
            piece = re.sub(r"^_+|_\d+$", "", m["piece"])
            page = piece.removesuffix("_route_view")
            if page == piece:
                page, part = None, piece
        name = m["chunk"] or m["export"]
        loaders[name] = Loader(
            name=name,
            file=m["file"],
            deps=[d.strip() for d in m["deps"].split(",") if d.strip()],
            pack=m["pack"],
            page=page,
            part=part,
            start=m.start(),
            end=m.end(),
        )
    pages = [loader for loader in loaders.values() if loader.page]
    if not pages:
        raise LoaderFormatError("no page's piece found in __wasm_split.js (has its format changed?)")
    # Every module the loader fetches has one statement here, or something went unread.
    fetches = len(re.findall(r'const src = (?:fetch\(new URL\(|fetchModule\()', js))
    if fetches != len(loaders):
        raise LoaderFormatError(
            f"__wasm_split.js fetches {fetches} modules, of which {len(loaders)} were read")
    for loader in loaders.values():
        unknown = [d for d in loader.deps if d not in loaders]
        if unknown:
            raise LoaderFormatError(f"{loader.name} needs {unknown[0]}, which no statement defines")
    return loaders


def needs(loaders, name):
    """The chunks a module needs before it, directly or through other chunks, in order."""
    seen, todo = [], list(loaders[name].deps)
    while todo:
        dep = todo.pop(0)
        if dep not in seen:
            seen.append(dep)
            todo.extend(loaders[dep].deps)
    return seen
