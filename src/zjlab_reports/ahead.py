"""Rendering beside loading and composing: one document in; its files, rendered by a process
started before anything was loaded, out (or None: then the caller renders them itself).

A build of one document leaves a core idle, while its one process imports and warms up the
backends (ReportLab, the PDF writer's fonts: ~25 ms of a one-brochure build) only after
composing. `start` forks a renderer first, as a build begins, when its selection is one
document by the project's files (`build._ahead`). The renderer imports and warms the PDF
backend while this process loads and composes. It is told the document's kind once the plan
is known (`Ahead.expect`: a deck's renderer imports the PPTX backend too); as this process's
`compose.Listener`, it is told the document's header, fonts and pictures before pagination
(it loads them and starts the PDF) and then each page as it is laid out (it draws it). When
compose is done, it is sent the rest (the outline) and finishes the files into this
process's spool. What it logged and its progress events come back with the files' handles
and are replayed here, so the output, the console and `--json` are those of rendering here.
While it finishes, this process does what it can meanwhile (`render`'s `meanwhile`:
publishing's warm-up).

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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from .jobs import Logged, logged, replay

if TYPE_CHECKING:
    from .backends.pdf import Drawing
    from .build import Artifact, Progress, Selection
    from .document import Document, FontFace, Outline, Page

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

    def begin(self, header: Document, faces: tuple[FontFace, ...], pictures: tuple[Path, ...]) -> None:
        """Have the renderer load these font faces and pictures and start drawing the document
        (`compose.Listener`)."""
        self._tell(("begin", header, faces, pictures))

    def page(self, page: Page, bookmarked: bool) -> None:
        """Have the renderer draw the document's next page (`compose.Listener`)."""
        self._tell(("page", page, bookmarked))

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
        """The document's files, rendered by the renderer; None if it could not. The renderer
        has its header and pages (it is this process's `compose.Listener`); it is sent the
        rest. `meanwhile` is called once the renderer has the document, before its files are
        waited for."""
        try:
            job = ("render", len(document.pages), document.outline, profile, layout, lang, selection)
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


def start(selection: Selection) -> Ahead | None:
    """A renderer for one document of `selection`, forked now; None where it cannot be.
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
        _serve(down[0], up[1], selection)
        code = 0
    finally:
        os._exit(code)  # no exit handlers: the spool folder and the console are the build's


def _serve(receive: int, send: int, selection: Selection) -> None:
    records: list[Logged] = []
    events: list[Event] = []
    with logged(records):  # (the console is the build's: what is logged goes back with the files)
        from .backends.pdf import warm
        from .build import render_document

        warm(selection.variants)
        job = _Job(selection)
        while True:
            try:
                message = pickle.loads(_receive(receive))
            except (OSError, EOFError):
                return  # the build composed nothing to render (it failed, or it was interrupted)
            if message[0] == "render":
                break
            job.take(message)
        _, count, outline, profile, layout, lang, selection = message
        document = job.document(count, outline)
        drawn = job.drawing if job.drawing is not None and job.drawing.drawn == count else None
        artifacts = render_document(document, profile, layout, lang, selection, _Recorder(events), drawn)
    _send(send, pickle.dumps((artifacts, records, events), pickle.HIGHEST_PROTOCOL))


class _Job:
    """What the renderer is told of its document before it is done: its kind, its header, its
    fonts and pictures (loaded at once) and its pages (the first PDF variant's drawn as they
    come). Anything that fails here is left to rendering, which fails again and is reported."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.variants = selection.variants  # the PDF variants, once the kind is known
        self.header: Document | None = None
        self.pages: list[Page] = []
        self.drawing: Drawing | None = None

    def take(self, message: tuple[Any, ...]) -> None:
        if message[0] == "kind":
            from .build import pdf_variants

            self.variants = pdf_variants(message[1], self.selection)
            if message[1] == "deck":
                importlib.import_module(".backends.pptx", __package__)
        elif message[0] == "begin":
            self._begin(*message[1:])
        elif message[0] == "page":
            self.pages.append(message[1])
            if self.drawing is not None:
                try:
                    self.drawing.page(message[1], message[2])
                except Exception:
                    self.drawing = None

    def _begin(self, header: Document, faces: tuple[FontFace, ...], pictures: tuple[Path, ...]) -> None:
        from .backends.pdf import Drawing, prefetch

        self.header = header
        with contextlib.suppress(Exception):
            prefetch(faces, pictures, self.variants)
        with contextlib.suppress(Exception):
            variant = self.variants[0]
            self.drawing = Drawing(header, variant, marks=self.selection.marks and variant == "print")

    def document(self, count: int, outline: tuple[Outline, ...]) -> Document:
        """The whole document: the header with the pages told and `outline`. Raises
        RuntimeError when they are not the `count` pages the build composed."""
        if self.header is None or len(self.pages) != count:
            raise RuntimeError("the renderer was not told the document's pages")
        return replace(self.header, pages=tuple(self.pages), outline=outline)


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
