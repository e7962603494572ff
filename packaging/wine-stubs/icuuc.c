/* TEST-ONLY stand-in for Windows 10's system icuuc.dll, for running the frozen program under Wine 8, which
   lacks it (Qt >= 6.10's Qt6Core imports these ucnv_* names). ucnv_open fails, so Qt falls back to its
   built-in codecs. Copied into the Wine prefix's system32 only; build-windows.sh fails if it is ever bundled. */
#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

EXPORT void *ucnv_open(const char *name, int *status) {
    (void)name;
    if (status) *status = U_FILE_ACCESS_ERROR;
    return 0;
}

/* Never reached once ucnv_open fails; present so the loader can resolve Qt6Core's imports. */
#define STUB(name) EXPORT void *name(void) { return 0; }
STUB(ucnv_close)
STUB(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
STUB(UCNV_TO_U_CALLBACK_SUBSTITUTE)
STUB(ucnv_reset)
STUB(ucnv_getMaxCharSize)
STUB(ucnv_getName)
STUB(ucnv_getToUCallBack)
STUB(ucnv_getFromUCallBack)
STUB(ucnv_setToUCallBack)
STUB(ucnv_setFromUCallBack)
STUB(ucnv_cbToUWriteUChars)
STUB(ucnv_toUnicode)
STUB(ucnv_cbFromUWriteUChars)
STUB(ucnv_toUCountPending)
STUB(ucnv_fromUCountPending)
STUB(ucnv_getStandardName)
STUB(ucnv_getAvailableName)
STUB(ucnv_countAvailable)
STUB(ucnv_fromUnicode)
