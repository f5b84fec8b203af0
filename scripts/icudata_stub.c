/* An empty ICU data library, standing in for the 31 MB libicudata.so.NN in the kiosk's build.
 *
 * libQt6Core links ICU (libicuuc, libicui18n, libicudata), so the file must exist, but the kiosk
 * uses nothing that lives in ICU's data: collation (QCollator), ICU time zones, legacy text codecs
 * such as Shift-JIS, locale display names. Case mapping and normalisation tables are compiled into
 * libicuuc itself, and Qt lays out text with its own Unicode tables and HarfBuzz.
 *
 * This is ICU's own "stubdata" (icu4c/source/stubdata/stubdata.cpp): a common-data header whose
 * table of contents is empty, so every data lookup fails cleanly (U_MISSING_RESOURCE_ERROR) and Qt
 * falls back (QCollator would log "Could not create collator"). scripts/smoke_test.py proves that
 * the build renders every screen pixel for pixel like the source run with the full ICU.
 *
 * build.spec compiles it (`pyinstaller build.spec -- --keep-icu` bundles the real data instead):
 *   cc -shared -nostdlib -O2 -DICU_ENTRY=icudt73_dat -Wl,-soname,libicudata.so.73 \
 *      -o libicudata.so.73 scripts/icudata_stub.c
 */

#ifndef ICU_ENTRY
#error "define ICU_ENTRY as icudt<ICU major version>_dat"
#endif

typedef struct {
    unsigned short size;
    unsigned short reserved_word;
    unsigned char is_big_endian;
    unsigned char charset_family;
    unsigned char sizeof_uchar;
    unsigned char reserved_byte;
    unsigned char data_format[4];
    unsigned char format_version[4];
    unsigned char data_version[4];
} UDataInfo;

typedef struct {
    unsigned short header_size;
    unsigned char magic1;
    unsigned char magic2;
    UDataInfo info;
    char padding[8];
    unsigned int count;
    unsigned int reserved;
    unsigned long long fake_name_and_data[2];
} IcuDataHeader;

__attribute__((visibility("default"))) const IcuDataHeader ICU_ENTRY = {
    32, 0xda, 0x27,
    {
        sizeof(UDataInfo), 0,
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        1,
#else
        0,
#endif
        0,                         /* U_ASCII_FAMILY */
        2,                         /* sizeof(UChar) */
        0,
        {0x54, 0x6f, 0x43, 0x50},  /* "ToCP": a table of contents ... */
        {1, 0, 0, 0},
        {0, 0, 0, 0},
    },
    {0, 0, 0, 0, 0, 0, 0, 0},
    0,                             /* ... with no entries */
    0,
    {0, 0},
};
