"""Rendering beside loading and composing: one document in; its files, rendered by a process
started before anything was loaded, out (or None: then the caller renders them itself).

A build of one document leaves a core idle, while its one process imports and warms up the
backends (ReportLab, the PDF writer's fonts: ~25 ms of a one-brochure build) only after
composing. `start` forks a renderer first, as a build begins, when its selection is one
document by the project's files (`build._ahead`). The renderer imports and warms the PDF
backend while this process loads and composes; it is told the document's kind once the plan
is known (`Ahead.expect`: a deck's renderer imports the PPTX backend too) and its fonts and
pictures as soon as compose knows them (`Ahead.prefetch`, before pagination), and loads
them; then it takes the composed `Document` over a pipe and renders it into this process's
spool. What it logged and its progress events come back with the files' handles and are
replayed here, so the output, the console and `--json` are those of rendering here. While
it renders, this process does what it can meanwhile (`render`'s `meanwhile`: publishing's
warm-up).

Only where forking is safe (Linux, no other thread running), asked for (`-j` above 1) and
worth it: in a process that has imported the backend already (`watch`, tests), forking and
pickling would cost more than they hide.
Anything that goes wrong in the renderer (it died, a pipe broke, it raised) only means that
this process renders the document itself, as it always did; an exception in rendering (a
bug) is then raised here, where it is reported.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .jobs import Logged, logged, replay

if TYPE_CHECKING:
    from .backends.pdf import Variant
    from .build import Artifact, Progress, Selection
    from .document import Document, FontFace

__all__ = ["Ahead", "start"]

_SIZE = struct.Struct("<Q")
_BACKEND = "zjlab_reports.backends.pdf.render"
#: A progress event of the renderer: started (name) or finished (name, seconds, pages).
Event = tuple[str, str, float, int]


class Ahead:
    """A renderer process waiting for its document (see the module docstring)."""

    def __init__(self, pid: int, to_renderer: int, from_renderer: int) -> None:
        self.pid, self.to_renderer, self.from_renderer = pid, to_renderer, from_renderer

    def expect(self, kind: str) -> None:
        """Tell the renderer the document's kind ("brochure", "deck"): a deck's also imports
        the PPTX backend, while this process composes."""
        self._tell(("kind", kind))

    def prefetch(self, faces: tuple[FontFace, ...], pictures: tuple[Path, ...]) -> None:
        """Have the renderer load these font faces and pictures now (`compose.Announce`)."""
        self._tell(("prefetch", faces, pictures))

    def _tell(self, message: tuple[object, ...]) -> None:
        with contextlib.suppress(OSError):  # the renderer is gone: `render` finds out
            _send(self.to_renderer, pickle.dumps(message, pickle.HIGHEST_PROTOCOL))

    def render(
        self,
        document: Document,
        profile: str,
        layout: str,
        lang: str,
        selection: Selection,
        progress: Progress,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[Artifact] | None:
        """The document's files, rendered by the renderer; None if it could not. `meanwhile`
        is called once the renderer has the document, before its files are waited for."""
        try:
            job = ("render", document, profile, layout, lang, selection)
            _send(self.to_renderer, pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
            if meanwhile is not None:
                meanwhile()
            artifacts, records, events = pickle.loads(_receive(self.from_renderer))
        except Exception:  # the renderer is gone or sent no result: render here (see the docstring)
            return None
        for event, name, seconds, pages in events:
            if event == "started":
                progress.started("render", name)
            else:
                progress.finished("render", name, seconds, pages)
        replay(records)
        return list(artifacts)

    def close(self) -> None:
        """End the renderer (it exits when its pipe closes) and wait for it; once."""
        if self.pid == 0:
            return
        for fd in (self.to_renderer, self.from_renderer):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        self.pid = 0


def start(variants: Sequence[Variant]) -> Ahead | None:
    """A renderer for one document in `variants`, forked now; None where it cannot be.
    It warms the PDF backend (a deck's handout is a PDF too); `Ahead.expect` tells it the
    document's kind."""
    if sys.platform != "linux" or threading.active_count() != 1 or _BACKEND in sys.modules:
        return None
    from . import spool

    folder = spool.folder()  # made here, so that the renderer's files are this process's
    down, up = os.pipe(), os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(down[0])
        os.close(up[1])
        return Ahead(pid, down[1], up[0])
    os.close(down[1])
    os.close(up[0])
    code = 1
    try:
        spool.use_folder(folder)
        _serve(down[0], up[1], variants)
        code = 0
    finally:
        os._exit(code)  # no exit handlers: the spool folder and the console are the build's


def _serve(receive: int, send: int, variants: Sequence[Variant]) -> None:
    records: list[Logged] = []
    events: list[Event] = []
    with logged(records):  # (the console is the build's: what is logged goes back with the files)
        from .backends.pdf import prefetch, warm
        from .build import render_document

        warm(variants)
        pdf_variants = variants
        while True:
            try:
                message = pickle.loads(_receive(receive))
            except (OSError, EOFError):
                return  # the build composed nothing to render (it failed, or it was interrupted)
            if message[0] == "render":
                break
            if message == ("kind", "deck"):  # its handout is a screen PDF
                importlib.import_module(".backends.pptx", __package__)
                pdf_variants = ("screen",)
            elif message[0] == "prefetch":
                with contextlib.suppress(Exception):  # what fails here fails again in rendering
                    prefetch(message[1], message[2], pdf_variants)
        _, document, profile, layout, lang, selection = message
        artifacts = render_document(document, profile, layout, lang, selection, _Recorder(events))
    _send(send, pickle.dumps((artifacts, records, events), pickle.HIGHEST_PROTOCOL))


class _Recorder:
    """The renderer's progress, kept to be replayed by the build."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events

    def started(self, stage: str, name: str) -> None:
        self.events.append(("started", name, 0.0, 0))

    def finished(self, stage: str, name: str, seconds: float, pages: int) -> None:
        self.events.append(("finished", name, seconds, pages))


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> bytes:
    size = _SIZE.unpack(_read(fd, _SIZE.size))[0]
    return _read(fd, size)


def _read(fd: int, size: int) -> bytes:
    parts = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            raise EOFError("the other end closed the pipe")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
