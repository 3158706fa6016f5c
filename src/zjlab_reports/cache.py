"""The cache folder: the environment in; where zjlab-reports keeps what it can make again, and
files put there whole, out.

Everything in it can be made again: font instances and what is read from them (`fonts/`,
`metrics/`, `sources/`), prepared PDF pictures (`pictures/`), picture checks
(`checked-pictures/`), validator schemas (`validators/`) and validate's verdicts (`verdicts/`).
Each user of the cache checks what it reads (digests in names or contents). This module needs
only the standard library, so that reading a stored verdict loads nothing else.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["cache_root", "write_whole"]


def cache_root() -> Path:
    """The cache root: `$ZJLAB_REPORTS_CACHE`, else `$XDG_CACHE_HOME/zjlab-reports`, else
    `~/.cache/zjlab-reports`. Empty variables count as unset; a relative `$XDG_CACHE_HOME` is
    ignored, as the XDG spec says."""
    own = os.environ.get("ZJLAB_REPORTS_CACHE")
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "zjlab-reports"


def write_whole(target: Path, data: bytes) -> Path:
    """Write `data` to `target` so that readers see no file or all of `data` (a temporary file
    renamed into place); create the folder. Returns `target`. Raises OSError.

    No fsync: what the cache holds is checked when read, and made again when damaged.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target
