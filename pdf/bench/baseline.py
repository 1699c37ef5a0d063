"""Times the benchmark's baselines on the same contract: WeasyPrint (HTML) and typst
(markup), in-process, cycling through the document variants the bench binary wrote.
Usage: baseline.py <dir with contract-N.html / contract-N.typ> <font dir> <iterations>
Prints "<engine> <median ms> <output file>" lines (the last output is kept for a look);
a missing engine prints "<engine> missing".
"""
import glob
import statistics
import sys
import time

folder, font_dir, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])


def measure(name, render, sources):
    render(sources[0])  # warm-up: imports, font discovery
    times, out = [], b""
    for i in range(iterations):
        start = time.perf_counter()
        out = render(sources[i % len(sources)])
        times.append((time.perf_counter() - start) * 1000)
    path = f"{folder}/{name}.pdf"
    with open(path, "wb") as f:
        f.write(out)
    print(f"{name} {statistics.median(times):.2f} {path}", flush=True)


try:
    import weasyprint

    html = sorted(glob.glob(f"{folder}/contract-*.html"))
    measure("weasyprint", lambda f: weasyprint.HTML(filename=f).write_pdf(), html)
except ImportError:
    print("weasyprint missing", flush=True)

try:
    import typst

    typ = sorted(glob.glob(f"{folder}/contract-*.typ"))
    measure("typst", lambda f: typst.compile(f, font_paths=[font_dir]), typ)
except ImportError:
    print("typst missing", flush=True)
