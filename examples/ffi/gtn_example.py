#!/usr/bin/env python3
"""gtn from Python through its C ABI (ctypes, standard library only).

Build the library first:

    cargo build -p gtn-ffi --release      # target/release/libgtn_ffi.so

then run from the repository root:

    python3 examples/ffi/gtn_example.py [OUT_DIR]

The library is looked up in $GTN_FFI_LIB, then target/release, then
target/debug. Every gtn function returns a JSON string that the caller
owns: the wrapper below copies it into Python and frees it with
gtn_string_free at once, so nothing leaks. The functions are thread-safe,
and ctypes releases the GIL during a call, so threads run them at once.

The script checks what it prints (exit status 1 on a wrong answer): the
test crates/gtn-ffi/tests/python.rs runs it.
"""

import ctypes
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def find_library() -> Path:
    env = os.environ.get("GTN_FFI_LIB")
    if env:
        return Path(env)
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "libgtn_ffi.so"
        if p.exists():
            return p
    sys.exit("libgtn_ffi.so not found: run `cargo build -p gtn-ffi --release` or set GTN_FFI_LIB")


class Gtn:
    """A thin wrapper: Python strings and dicts in, dicts out."""

    def __init__(self, path: Path):
        lib = ctypes.CDLL(str(path))
        # Returned strings are taken as raw pointers (c_void_p, not c_char_p,
        # which would copy and lose the pointer that must be freed).
        for name, args in {
            "gtn_validate_path": [ctypes.c_char_p, ctypes.c_char_p],
            "gtn_validate_bytes": [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p],
            "gtn_check": [ctypes.c_char_p, ctypes.c_char_p],
            "gtn_plate_check": [ctypes.c_char_p, ctypes.c_char_p],
            "gtn_plate_series": [ctypes.c_char_p],
            "gtn_generate": [ctypes.c_char_p] * 4,
        }.items():
            f = getattr(lib, name)
            f.argtypes = args
            f.restype = ctypes.c_void_p
        lib.gtn_string_free.argtypes = [ctypes.c_void_p]
        lib.gtn_string_free.restype = None
        lib.gtn_version.argtypes = []
        lib.gtn_version.restype = ctypes.c_char_p  # static: never freed
        self.lib = lib

    def _call(self, name, *args):
        ptr = getattr(self.lib, name)(*args)
        try:
            return json.loads(ctypes.string_at(ptr).decode("utf-8"))
        finally:
            self.lib.gtn_string_free(ptr)

    @staticmethod
    def _s(value):
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        return value.encode("utf-8")

    def version(self) -> dict:
        return json.loads(self.lib.gtn_version().decode("utf-8"))

    def validate_path(self, path, options=None) -> dict:
        return self._call("gtn_validate_path", self._s(str(path)), self._s(options))

    def validate_bytes(self, data: bytes, file_name=None, options=None) -> dict:
        return self._call("gtn_validate_bytes", data, len(data), self._s(file_name), self._s(options))

    def check(self, application, options=None) -> dict:
        return self._call("gtn_check", self._s(application), self._s(options))

    def plate_check(self, plate, plate_type) -> dict:
        return self._call("gtn_plate_check", self._s(plate), self._s({"type": plate_type}))

    def plate_series(self, region, plate_type) -> dict:
        return self._call("gtn_plate_series", self._s({"region": region, "type": plate_type}))

    def generate(self, sender, records_jsonl, options, out_dir) -> dict:
        return self._call(
            "gtn_generate", self._s(sender), self._s(records_jsonl), self._s(options), self._s(str(out_dir))
        )


def expect(cond, what, answer):
    if not cond:
        print(f"FAIL: {what}: {json.dumps(answer, ensure_ascii=False)}", file=sys.stderr)
        sys.exit(1)


def main():
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="gtn-ffi-"))
    gtn = Gtn(find_library())

    v = gtn.version()
    print("версия:", v["gtn"], "формат ФНС", v["fns_format"])
    expect(v["fns_format"] == "4.04" and v["abi"] == 1 and v["version"] == 1, "version", v)

    # Plates (Appendices 4-5).
    p = gtn.plate_check("1234 ab 77", "3")
    print("знак:", p["display"])
    expect(p["valid"] and p["canonical"] == "1234АВ77", "plate check", p)
    p = gtn.plate_check("1234 КМ 77", "3")
    print("знак 1234 КМ 77:", p["errors"][0]["message"])
    expect(not p["valid"] and p["errors"][0]["code"] == "P011", "plate not of the region", p)
    s = gtn.plate_series("Ленинградская обл.", "3")
    print("серии кода", s["code"] + ":", " ".join(s["series"][:5]), "…")
    expect(s["code"] == "47" and "ХУ" in s["series"], "plate series", s)

    # An application under the Rules No. 1507: every example gives its expected outcome.
    apps = ROOT / "examples" / "applications"
    for f in sorted(apps.glob("*.json")):
        if f.name.endswith(".expected.json"):
            continue
        expected = json.loads(f.with_suffix(".expected.json").read_text(encoding="utf-8"))
        d = gtn.check(f.read_text(encoding="utf-8"), {"today": expected["today"]})
        expect(d.get("outcome") == expected["outcome"], f"check {f.name}", d)
        grounds = sorted(g["code"] for g in d["grounds"])
        expect(grounds == sorted(expected["grounds"]), f"grounds of {f.name}", d)
    d = gtn.check((apps / "refuse-several-grounds.json").read_text(encoding="utf-8"), {"today": "2025-12-30"})
    print("решение:", d["outcome"], "основания:", ", ".join(g["code"] for g in d["grounds"]))

    # The FNS exchange file: generate from the example, then validate it.
    sender = json.loads((ROOT / "examples" / "ffi" / "sender.json").read_text(encoding="utf-8"))
    try:  # sender.json is examples/sender.toml as JSON (tomllib: Python 3.11+)
        import tomllib

        toml = tomllib.loads((ROOT / "examples" / "sender.toml").read_text(encoding="utf-8"))
        expect(toml == sender, "sender.json is sender.toml", sender)
    except ImportError:
        pass
    records = (ROOT / "examples" / "records.jsonl").read_text(encoding="utf-8")
    g = gtn.generate(sender, records, {"type": "10", "date": "2025-03-31", "number": "7", "force": True}, out_dir)
    print("файл:", g.get("path"), "документов:", g.get("documents"))
    expect(g.get("documents") == 36, "generate", g)
    r = gtn.validate_path(g["path"])
    expect(r["valid"] and r["files"][0]["report"]["documents"] == 36, "validate the generated file", r)
    data = Path(g["path"]).read_bytes()
    b = gtn.validate_bytes(data, Path(g["path"]).name)
    expect(b["files"][0]["report"] == r["files"][0]["report"], "validate_bytes == validate_path", b)
    bad = gtn.validate_bytes(data.replace("ИНН".encode("cp1251"), "ИНХ".encode("cp1251"), 1), Path(g["path"]).name)
    expect(not bad["valid"], "a broken file", bad)
    print("проверка испорченной копии:", bad["files"][0]["report"]["findings"][0]["message"])

    # Errors are answers too: never an exception from C, never NULL.
    e = gtn.generate(sender, '{"operation": 1}\n', {"type": "10"}, out_dir)
    expect(e.get("written") is False and e["errors"][0]["line"] == 1, "bad record", e)
    e = gtn.validate_path(out_dir / "нет-такого.xml")
    print("ошибка:", e["error"]["code"], e["error"]["message"])
    expect(e["error"]["code"] == "G002" and e["ok"] is False, "missing file", e)
    e = gtn.check("{", None)
    expect(e["error"]["code"] == "E010", "malformed application", e)
    e = gtn._call("gtn_check", None, None)
    expect(e["error"]["code"] == "A001", "NULL", e)
    e = gtn._call("gtn_plate_check", b"\xff", b'{"type":"3"}')
    expect(e["error"]["code"] == "A002", "not UTF-8", e)

    # Threads: the same answers at once as one by one.
    app = (apps / "refuse-several-grounds.json").read_text(encoding="utf-8")
    jobs = [
        lambda: gtn.plate_check("1234 ab 77", "3"),
        lambda: gtn.plate_series("77", "3"),
        lambda: gtn.check(app, {"today": "2025-12-30"}),
        lambda: gtn.validate_bytes(data, Path(g["path"]).name),
    ]
    alone = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda i: jobs[i % 4](), range(64)))
    expect(all(together[i] == alone[i % 4] for i in range(64)), "threads", {})
    print("потоки: 64 вызова в 8 потоках, ответы те же")
    print("gtn Python example: all checks passed")


if __name__ == "__main__":
    main()
