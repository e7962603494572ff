/* TEST-ONLY stand-in for bcryptprimitives.dll, which Wine 8 lacks (Windows 10 has it): Rust's standard library
   (python-calamine's extension) imports ProcessPrng from it for random numbers, so without it the import fails
   with "DLL load failed". This one fills the buffer from RtlGenRandom (advapi32's SystemFunction036), which Wine
   has. Copied into the Wine prefix only; build-windows.sh fails if it is ever bundled. */
#include <windows.h>
#define EXPORT __declspec(dllexport)

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

EXPORT BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {  /* RtlGenRandom takes a ULONG: in pieces for a larger request */
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
