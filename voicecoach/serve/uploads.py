"""Multipart uploads streamed to files inside the server's data folder, with a hard limit.

The body is never held in memory: a Content-Length over the limit is refused before
anything is read, and the bytes are counted while streaming, so a body that does not say
its length is cut off at the limit. A file part is written under a name the server makes
(the browser's file name is kept only to show it); text fields are small.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

__all__ = ["Upload", "SavedFile", "UploadError", "receive_upload", "MAX_FIELD_BYTES"]

MAX_FIELD_BYTES = 64 * 1024
"""The most a text field (agent, customer name) may hold."""


class UploadError(Exception):
    """An upload refused: ``status`` is the HTTP status, the message one readable line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SavedFile:
    """An uploaded file: where the server wrote it, the browser's name (to show only), and
    its size in bytes."""

    path: Path
    filename: str
    size: int


@dataclass
class Upload:
    """A received form: text ``fields`` and ``files`` by field name."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, SavedFile] = field(default_factory=dict)

    def discard(self) -> None:
        """Delete the files written."""
        for f in self.files.values():
            f.path.unlink(missing_ok=True)


class _Parts:
    """The multipart parser's callbacks: each part to a text field or a file."""

    def __init__(self, folder: Path, file_fields: tuple[str, ...]) -> None:
        self.folder, self.file_fields = folder, file_fields
        self.upload = Upload()
        self._header_name, self._header_value = b"", b""
        self._headers: dict[bytes, bytes] = {}
        self._name, self._filename = "", ""
        self._text: bytearray | None = None
        self._file = None
        self._path: Path | None = None
        self._size = 0

    def callbacks(self) -> dict:
        return {"on_part_begin": self._begin, "on_header_field": self._field,
                "on_header_value": self._value, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_done, "on_part_data": self._data,
                "on_part_end": self._end}

    def _begin(self) -> None:
        self._headers, self._name, self._filename = {}, "", ""

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._header_name.lower()] = self._header_value
        self._header_name, self._header_value = b"", b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        self._filename = "" if filename is None else filename.decode("utf-8", "replace")
        if self._name in self.file_fields and filename is not None:
            self._path = self.folder / f"upload-{secrets.token_hex(8)}.bin"
            self._file, self._size = open(self._path, "xb"), 0  # noqa: SIM115 - closed in _end
        else:
            self._text = bytearray()

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
            self._size += end - start
        elif self._text is not None:
            self._text += data[start:end]
            if len(self._text) > MAX_FIELD_BYTES:
                raise UploadError(413, f"the form field {self._name!r} is too long "
                                  f"(over {MAX_FIELD_BYTES // 1024} KB)")

    def _end(self) -> None:
        if self._file is not None:
            self._file.close()
            self.upload.files[self._name] = SavedFile(self._path, self._filename, self._size)
            self._file = None
        elif self._text is not None:
            self.upload.fields[self._name] = self._text.decode("utf-8", "replace")
            self._text = None

    @property
    def unfinished(self) -> bool:
        """A file part was begun and never ended."""
        return self._file is not None

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)
        self.upload.discard()


def _too_big(limit_bytes: int) -> UploadError:
    return UploadError(413, f"the upload is larger than the limit of "
                       f"{limit_bytes / 1e6:g} MB (serve --max-upload-mb)")


async def receive_upload(request: Request, folder: Path, *, limit_bytes: int,
                         file_fields: tuple[str, ...] = ("audio", "reference")) -> Upload:
    """Stream a ``multipart/form-data`` body into ``folder``.

    Parameters
    ----------
    request : Request
    folder : Path
        Where file parts are written (under names made here).
    limit_bytes : int > 0
        The most the whole body may hold.
    file_fields : tuple of str
        The fields whose parts are files; any other part is a text field.

    Raises
    ------
    UploadError
        413 over the limit (said by Content-Length, or counted), 400 for a body that is
        not multipart form data. The files written so far are deleted.
    """
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit_bytes:
        raise _too_big(limit_bytes)
    ctype, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadError(400, "send the take as multipart/form-data (a form with a file)")
    parts = _Parts(folder, file_fields)
    parser = MultipartParser(boundary, parts.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit_bytes:
                raise _too_big(limit_bytes)
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        parts.abort()
        raise
    except Exception as exc:  # noqa: BLE001 - the parser's errors: a malformed body
        parts.abort()
        raise UploadError(400, f"the form could not be read ({exc})") from exc
    if parts.unfinished:  # a body that ended inside a part
        parts.abort()
        raise UploadError(400, "the form ended in the middle of a file")
    return parts.upload
