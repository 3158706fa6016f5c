"""A saved OPC package (.pptx/.xlsx zip bytes) in; the same package, byte-reproducible, out.

python-pptx stamps zip entries with the current time, and XlsxWriter stamps the creation time
into each chart's embedded workbook (`docProps/core.xml`). Rewriting the zip with a fixed
entry order, date and permissions, and with every core-properties part dated
`created`, makes an identical Document give identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from . import oxml

__all__ = ["ZIP_DATE", "reproducible_package", "w3cdtf"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry; also what XlsxWriter uses."""
_CONTENT_TYPES = "[Content_Types].xml"
_CORE_PROPERTIES = "docProps/core.xml"
_FILE_MODE = 0o100644
_UNIX = 3


def reproducible_package(blob: bytes, created: dt.datetime) -> bytes:
    """Rewrite the package: `[Content_Types].xml` first, then entries sorted by name.

    Embedded packages (`.xlsx`) are rewritten the same way, recursively; core-properties parts
    get `created` as creation and modification date (naive datetimes are taken as UTC).
    """
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(entries, key=lambda name: (name != _CONTENT_TYPES, name)):
            target.writestr(_entry(name), _normalized(name, entries[name], created))
    return output.getvalue()


def w3cdtf(moment: dt.datetime) -> str:
    """`moment` as the W3CDTF UTC timestamp of core properties (`2024-05-01T09:00:00Z`)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _normalized(name: str, data: bytes, created: dt.datetime) -> bytes:
    if name.endswith(".xlsx"):
        return reproducible_package(data, created)
    if name == _CORE_PROPERTIES:
        return oxml.stamp_core_dates(data, w3cdtf(created))
    return data


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE << 16
    return info
