"""The Windows build, checked before Qt loads: Qt 6 needs Windows 10 1809 (build 17763), and on an
older one (an office's LTSB 2016) it fails with a bare DLL error nobody can act on. No Qt here:
the message box is Windows' own (``MessageBoxW`` through ctypes). Windows 7/8.1 never get this
far: the bundled Python 3.13 itself does not load there (the README says so)."""

from __future__ import annotations

import sys

MIN_BUILD = 17763  # Windows 10 1809
MB_ICONERROR = 0x10
TITLE = "填报助手"


def windows_version() -> tuple[int, int, int] | None:
    """(major, minor, build) of this Windows, None elsewhere. ``platform_version`` is read from
    kernel32.dll, so a compatibility mode does not lie about it."""
    if sys.platform != "win32":
        return None
    info = sys.getwindowsversion()  # type: ignore[attr-defined]
    major, minor, build = getattr(info, "platform_version", None) or (info.major, info.minor, info.build)
    return major, minor, build


def too_old_message(version: tuple[int, int, int] | None) -> str | None:
    """What to tell the clerk on a Windows the window cannot run on; None when it can."""
    if version is None:
        return None
    major, minor, build = version
    if (major, build) >= (10, MIN_BUILD) or major > 10:
        return None
    this = f"Windows 10（内部版本 {build}）" if major == 10 else f"Windows {major}.{minor}（内部版本 {build}）"
    return (
        f"填报助手需要 Windows 10 版本 1809（内部版本 {MIN_BUILD}）或更高版本，本机为 {this}，无法打开窗口。\n\n"
        "请升级 Windows（或换一台 Windows 10/11 电脑）后再使用。"
    )


def message_box(text: str, title: str = TITLE) -> None:
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, title, MB_ICONERROR)  # type: ignore[attr-defined]


def windows_can_run_qt() -> bool:
    """False (after saying so in a message box) on a Windows older than Qt 6 supports."""
    message = too_old_message(windows_version())
    if message is None:
        return True
    message_box(message)
    return False
