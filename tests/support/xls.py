"""An encrypted .xls made from a plain one, as Excel/WPS write it when an open password is set: a
FILEPASS record (RC4 encryption header: version, salt, verifier and its hash) right after the globals'
BOF. No tool at hand encrypts an .xls (msoffcrypto-tool only decrypts them, LibreOffice has no headless
password option), so the record is written in place of the four records that follow BOF in
LibreOffice's output (INTERFACEHDR, MMS, INTERFACEEND, WRITEACCESS), the rest padded with a shorter
WRITEACCESS: the stream keeps its size, as olefile can only rewrite a stream in place. What comes after is
not ciphertext, but a reader stops at FILEPASS (calamine raises PasswordError: tests check it does)."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import olefile

_BOF, _FILEPASS, _WRITEACCESS = 0x0809, 0x002F, 0x005C


def with_open_password(plain: Path, target: Path) -> Path:
    shutil.copyfile(plain, target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        kind, size = struct.unpack_from("<HH", data, 0)
        assert kind == _BOF
        start = 4 + size
        end = start
        for _ in range(4):  # the records LibreOffice writes after BOF
            end += 4 + struct.unpack_from("<HH", data, end)[1]
        rc4 = struct.pack("<HHH", 1, 1, 1) + os.urandom(48)  # RC4, version 1.1, salt, verifier, verifier hash
        record = struct.pack("<HH", _FILEPASS, len(rc4)) + rc4
        pad = end - start - len(record) - 4
        assert pad >= 0
        record += struct.pack("<HH", _WRITEACCESS, pad) + b" " * pad
        data[start:end] = record
        ole.write_stream("Workbook", bytes(data))
    return target
