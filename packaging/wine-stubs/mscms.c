/* TEST-ONLY stand-in for mscms.dll under Wine 8, whose WcsCreateIccProfile is an unimplemented stub that aborts
   the process when qwindows.dll reads the screen's colour profile. Every lookup fails, so Qt keeps sRGB.
   Qt 6.12's qwindows.dll imports these names; 6.11's (the one the lock pins) does not, so it is unused there
   and kept for the next upgrade.
   Loaded with WINEDLLOVERRIDES=mscms=n from the Wine prefix only; build-windows.sh fails if it is ever bundled. */
#include <windows.h>
#define EXPORT __declspec(dllexport)

EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD sharing, DWORD creation) {
    (void)profile; (void)access; (void)sharing; (void)creation;
    SetLastError(ERROR_FILE_NOT_FOUND);
    return NULL;
}
EXPORT BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }
EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size) {
    (void)profile; (void)buffer; (void)size;
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}
EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD intent) {
    (void)profile; (void)intent;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
