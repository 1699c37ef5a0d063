#!/usr/bin/env python3
"""Fails when a run of the browser tests loaded no copy of some piece of the bundle.

usage: pieces-covered.py BUNDLE_DIR LOG_DIR

CI runs a chosen set of the browser tests on the release bundle (scripts/test.sh). Those
tests record the pieces their browsers fetched (end2end/tests/fixtures.ts, with
QY_PIECES_LOG=LOG_DIR): a page's piece by its page's name, a part shown later by its own.
This reads every piece the bundle has from its loader (`__wasm_split.js`) and exits 1
naming those no test loaded: a new page or part must be opened by the release run too,
or its release build goes untested in a browser.
"""

import glob
import os
import sys

import wasm_split_loader

# Pages sent as plain HTML, without the bundle (app::ssr::is_plain_html_page): a browser
# shows what the server renders, so their piece loads only if the app itself moves to one.
PLAIN_PAGES = {"landing", "guide", "faq", "templates", "verify", "verify_result"}


def main():
    folder, log = sys.argv[1], sys.argv[2]
    with open(os.path.join(folder, "__wasm_split.js")) as f:
        try:
            loaders = wasm_split_loader.read(f.read())
        except wasm_split_loader.LoaderFormatError as e:
            sys.exit(f"pieces-covered: {e}")
    pieces = {loader.page or loader.part for loader in loaders.values()} - {None}
    loaded = set()
    for path in glob.glob(os.path.join(log, "*.txt")):
        with open(path) as f:
            loaded.update(line.strip() for line in f if line.strip())
    unknown = sorted(loaded - pieces)
    if unknown:
        sys.exit(f"pieces-covered: the tests fetched pieces the bundle has not: {unknown}")
    missing = sorted(pieces - PLAIN_PAGES - loaded)
    print(f"pieces loaded by the release run: {len(pieces & loaded)} of {len(pieces)}"
          f" (pages without script: {', '.join(sorted(PLAIN_PAGES & pieces))})")
    if missing:
        print(f"no test of the release run loaded: {', '.join(missing)}"
              " (add a spec that opens it to scripts/test.sh's release run)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
