"""Facts of the bundled reference data that several test files expect."""

# Every dispositif of data/reference/dispositifs.csv, by identifier.
DISPOSITIFS = [
    "DPI-HOP-VA1",
    "DPI-HOP-VA2",
    "DUI-MS-VA2",
    "DUI-MS1-VA1",
    "DUI-MS2-VA1",
    "LGC-MV-VA1",
    "LGC-MV-VA2",
    "LGC-SF-VA2",
    "RIS-IMG-VA1",
    "RIS-IMG-VA2",
]
