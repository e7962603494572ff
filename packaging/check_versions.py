"""The Qt binding the Windows program ships must be one that pyproject.toml allows (packaging/build-windows.sh).

PySide6 6.12.0 drops a reference to True on every signal emitted from Python (pyproject.toml excludes it); the
Windows build pins its own versions in packaging/windows-lock.txt, so a pin or a stale bundle could bring it back.

    python3 packaging/check_versions.py lock              # before the build: the lock's pins
    python.exe packaging/check_versions.py bundle EXE     # the Windows Python under Wine: what EXE really carries

Both fail (exit 1) unless PySide6-Essentials satisfies pyproject.toml's requirement and shiboken6 is the same
release; `bundle` also reads the versions out of the frozen program (its embedded PYZ, the modules it imports at
run time, and the Qt6Core.dll beside it) and requires them to equal the lock's pins.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # Debian's python3 without the packaging distribution: pip vendors it
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
PYPROJECT = HERE.parent / "pyproject.toml"
LOCK = HERE / "windows-lock.txt"
BINDING = "pyside6-essentials"


def requirement() -> Requirement:
    with PYPROJECT.open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    found = [Requirement(d) for d in dependencies if canonicalize_name(Requirement(d).name) == BINDING]
    if len(found) != 1:
        raise SystemExit(f"pyproject.toml must name {BINDING} once, found {len(found)}")
    return found[0]


def lock_pins() -> dict[str, str]:
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        match = re.match(r"\s*([A-Za-z0-9._-]+)==(\S+)", line)
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def problems(pyside: str, shiboken: str, where: str) -> list[str]:
    wanted = requirement()
    found = []
    if not wanted.specifier.contains(pyside, prereleases=True):
        found.append(f"{where}: PySide6 {pyside} is excluded by pyproject.toml ({wanted})")
    if shiboken != pyside:
        found.append(f"{where}: shiboken6 {shiboken} is not the PySide6 release {pyside}")
    return found


def check_lock() -> list[str]:
    pins = lock_pins()
    pyside, shiboken = pins.get(BINDING, "missing"), pins.get("shiboken6", "missing")
    print(f"lock: PySide6-Essentials {pyside}, shiboken6 {shiboken} (pyproject.toml: {requirement()})")
    return problems(pyside, shiboken, "windows-lock.txt")


def assigned_constant(code, name: str) -> str:
    """The constant a module's top level assigns to `name` (`__version__ = "6.11.3"`), read from its bytecode."""
    import dis

    previous = None
    for instruction in dis.get_instructions(code):
        if instruction.opname == "STORE_NAME" and instruction.argval == name:
            if previous is not None and previous.opname == "LOAD_CONST":
                return str(previous.argval)
            break
        previous = instruction
    return "unknown"


def file_version(dll: Path) -> str:
    """FileVersion from a DLL's VS_FIXEDFILEINFO (found by its signature), "a.b.c" without the build number."""
    import struct

    data = dll.read_bytes()
    at = data.find(struct.pack("<I", 0xFEEF04BD))
    if at < 0:
        return "unknown"
    most, least = struct.unpack_from("<II", data, at + 8)
    return f"{most >> 16}.{most & 0xFFFF}.{least >> 16}"


def check_bundle(exe: Path) -> list[str]:
    # PyInstaller's own reader (the pinned release of the build); only this interpreter can unmarshal the code.
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(exe))
    pyz_names = [name for name, entry in package.toc.items() if entry[-1] == "z"]
    if len(pyz_names) != 1:
        return [f"{exe.name}: expected one embedded PYZ archive, found {pyz_names}"]
    pyz = package.open_embedded_archive(pyz_names[0])
    versions = {}
    for module in ("PySide6", "shiboken6"):
        if module not in pyz.toc:
            return [f"{exe.name}: {module} is not in the frozen program"]
        versions[module] = assigned_constant(pyz.extract(module), "__version__")
    qt = file_version(exe.parent / "_internal" / "PySide6" / "Qt6Core.dll")
    print(f"bundle ({exe.name}): PySide6 {versions['PySide6']}, shiboken6 {versions['shiboken6']}, Qt6Core.dll {qt}")
    found = problems(versions["PySide6"], versions["shiboken6"], exe.name)
    # The DLLs hold the code: Qt's release is PySide's (6.11.3 ships Qt 6.11.3; a PySide 6.x.y.z respin too).
    if ".".join(versions["PySide6"].split(".")[:3]) != qt:
        found.append(f"{exe.name}: Qt6Core.dll {qt} does not belong to PySide6 {versions['PySide6']}")
    pins = lock_pins()
    if (versions["PySide6"], versions["shiboken6"]) != (pins.get(BINDING), pins.get("shiboken6")):
        found.append(f"{exe.name}: not built from the lock's pins ({pins.get(BINDING)}, {pins.get('shiboken6')})")
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["lock"] and len(argv) == 1:
        found = check_lock()
    elif argv[:1] == ["bundle"] and len(argv) == 2:
        found = check_bundle(Path(argv[1]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in found:
        print(f"FAILED: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
