"""The little of the WebAssembly binary format scripts/wasm-packs.py needs: where a
module's data segments go in memory, the names the linker gave them, its imports, and a
module that passes imports on under another module name.
https://webassembly.github.io/spec/core/binary/modules.html
"""

MAGIC = b"\0asm\1\0\0\0"
IMPORT, EXPORT, DATA, CUSTOM = 2, 7, 11, 0
KINDS = {0: "func", 1: "table", 2: "memory", 3: "global"}


class FormatError(Exception):
    pass


class Reader:
    def __init__(self, data, at=0, end=None):
        self.data, self.at, self.end = data, at, len(data) if end is None else end

    def byte(self):
        if self.at >= self.end:
            raise FormatError("unexpected end of a section")
        self.at += 1
        return self.data[self.at - 1]

    def leb(self, signed=False):
        """A LEB128 number: unsigned, or signed (its last byte's 0x40 bit is the sign)."""
        value = shift = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value - (1 << shift) if signed and b & 0x40 else value

    def uleb(self):
        return self.leb()

    def sleb(self):
        return self.leb(signed=True)

    def bytes(self, n):
        if self.at + n > self.end:
            raise FormatError("unexpected end of a section")
        self.at += n
        return self.data[self.at - n:self.at]

    def name(self):
        return self.bytes(self.uleb()).decode()

    def limits(self):
        flags = self.byte()
        self.uleb()
        if flags & 1:
            self.uleb()


def sections(module):
    """(id, Reader over its contents) of each section."""
    if module[:8] != MAGIC:
        raise FormatError("not a WebAssembly module")
    r = Reader(module, 8)
    while r.at < len(module):
        kind, size = r.byte(), r.uleb()
        yield kind, Reader(module, r.at, r.at + size)
        r.at += size


def data_offsets(module, empty=True):
    """The memory offset of each active data segment, in order (None: passive); without
    the empty ones (wasm-split-cli leaves the linker's segments in each chunk, empty)
    when `empty` is false."""
    offsets = []
    for kind, r in sections(module):
        if kind != DATA:
            continue
        for _ in range(r.uleb()):
            flags = r.uleb()
            if flags == 1:
                offsets.append(None)
            else:
                if flags == 2:
                    r.uleb()
                if r.byte() != 0x41:  # i32.const
                    raise FormatError("a data segment's offset is not a constant")
                offsets.append(r.sleb() & 0xFFFFFFFF)
                if r.byte() != 0x0B:
                    raise FormatError("a data segment's offset is not a constant")
            size = r.uleb()
            r.bytes(size)
            if size == 0 and not empty:
                offsets.pop()
    return offsets


def data_segment_offset(module, wanted):
    """Where the data segment the name section calls `wanted` goes, or None."""
    offsets = data_offsets(module)
    for kind, r in sections(module):
        if kind != CUSTOM or r.name() != "name":
            continue
        while r.at < r.end:
            sub, size = r.byte(), r.uleb()
            if sub == 9:  # data segment names
                for _ in range(r.uleb()):
                    index, name = r.uleb(), r.name()
                    if name == wanted:
                        return offsets[index]
            r.at += size
    return None


def imports(module):
    """(module, name, kind, description bytes) of each import."""
    found = []
    for kind, r in sections(module):
        if kind != IMPORT:
            continue
        for _ in range(r.uleb()):
            mod, name = r.name(), r.name()
            what = r.byte()
            start = r.at
            if what == 0:
                r.uleb()
            elif what == 1:
                r.byte()
                r.limits()
            elif what == 2:
                r.limits()
            elif what == 3:
                r.bytes(2)
            else:
                raise FormatError(f"an import of unknown kind {what}")
            found.append((mod, name, what, bytes(r.data[start:r.at])))
    return found


def uleb(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    return uleb(len(s.encode())) + s.encode()


def section(kind, contents):
    return bytes([kind]) + uleb(len(contents)) + contents


def pass_through(modules, module_name, host_name):
    """A module exporting, under their own names, what `modules` import from `module_name`,
    which it imports from `host_name` in turn. Tables, memories and globals only."""
    wanted = {}
    for m in modules:
        for mod, field, kind, desc in imports(m):
            if mod != module_name:
                continue
            if kind == 0:
                raise FormatError(f"{module_name}.{field} is a function; only tables, memories and globals pass")
            if wanted.setdefault(field, (kind, desc)) != (kind, desc):
                raise FormatError(f"{module_name}.{field} is imported with two types")
    counts = {k: 0 for k in KINDS}
    imported, exported = [], []
    for field, (kind, desc) in wanted.items():
        imported.append(name(host_name) + name(field) + bytes([kind]) + desc)
        exported.append(name(field) + bytes([kind]) + uleb(counts[kind]))
        counts[kind] += 1
    return MAGIC + section(IMPORT, vec(imported)) + section(EXPORT, vec(exported))
