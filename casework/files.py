"""Files kept with a complaint: checked, scanned, stored outside the web root, listed, served, purged.

- The type is read from the content by libmagic (python-magic), never from the name: an .exe renamed .pdf is
  an executable. Only PDFs, pictures, Word documents and saved emails are kept, each up to 20 MB.
- With `CLAMAV_SOCKET` set, every file is streamed to clamd (INSTREAM) before it is kept; a virus, or a scanner
  that does not answer, keeps nothing (we never keep a file we were asked to scan and could not).
- The bytes live in `instance/files/` under a random name (0600, in a 0700 folder), or in the S3-compatible
  bucket `FILES_BUCKET` when it is set; the database holds the name shown, the type, size and SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import socket
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import magic
from sqlmodel import Session, col, select

from casework.actions import ActionRefused
from casework.correspondence import readable_size
from models.base import require_id
from models.complaints import Complaint
from models.records import Attachment
from models.staff import StaffUser
from settings import Settings, private_file, private_folder

MAX_FILE_BYTES = 20 * 1024 * 1024
FILES_DIR = "files"
# What we keep, by the type libmagic reads from the content, with the words staff see.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "Picture (JPEG)",
    "image/png": "Picture (PNG)",
    "image/gif": "Picture (GIF)",
    "image/webp": "Picture (WebP)",
    "image/heic": "Picture (HEIC)",
    "image/tiff": "Picture (TIFF)",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "message/rfc822": "Email (.eml)",
    "application/vnd.ms-outlook": "Email (.msg)",
}
TOO_BIG = "The file is bigger than 20 MB. Choose a smaller file, or send it in parts."
WRONG_TYPE = (
    "The file must be a PDF, a picture (like a photo), a Word document or a saved email (.eml or .msg). "
    "This file is not one of those, whatever its name says."
)
EMPTY = "The file is empty. Choose another file."
INFECTED = "This file has a virus in it, so we have not kept it."
SCAN_DOWN = "We could not check the file for viruses just now, so we have not kept it. Try again in a few minutes."


class FileRefused(ActionRefused):
    pass


# --- where the bytes live ------------------------------------------------------------------------------------------


class FileStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...


class FolderStore:
    """instance/files/: outside the web root (static/ is the only folder the app serves as files)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{40}", key):
            raise ValueError("not a storage key")
        return self.folder / key

    def put(self, key: str, data: bytes) -> None:
        private_folder(self.folder)
        path = self._path(key)
        private_file(path)  # created 0600 before any byte is written
        path.write_bytes(data)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class BucketStore:
    """An S3-compatible bucket (FILES_BUCKET; FILES_ENDPOINT_URL for one that is not AWS), through boto3.

    Credentials come the way boto3 finds them (environment, instance role); objects are written private.
    """

    def __init__(self, bucket: str, endpoint_url: str = ""):
        import boto3  # only when a bucket is configured

        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=endpoint_url or None)

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ACL="private")

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)


def file_store(settings: Settings) -> FileStore:
    if settings.files_bucket:
        return BucketStore(settings.files_bucket, settings.files_endpoint_url)
    return FolderStore(settings.instance_dir / FILES_DIR)


# --- checks ----------------------------------------------------------------------------------------------------------


def read_limited(stream: IO[bytes], limit: int = MAX_FILE_BYTES) -> bytes:
    """At most `limit` bytes; FileRefused when there are more (read no further than one byte past it)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(TOO_BIG, "file")
    return data


def content_type(data: bytes) -> str:
    return magic.from_buffer(data[: 2 * 1024 * 1024], mime=True)


def clean_filename(name: str, kind: str) -> str:
    """The name to show and offer on download: no folders, no control characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if not name:
        name = "file"
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 10:
        return stem[: 200 - len(extension) - 1] + "." + extension
    return name[:200]


def clamd_scan(socket_path: str, data: bytes, timeout: float = 30.0) -> str | None:
    """clamd's INSTREAM: None when clean, the signature's name when infected. OSError when clamd cannot answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(socket_path)
        connection.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), 64 * 1024):
            chunk = data[start : start + 64 * 1024]
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = connection.recv(4096)
            if not part:
                break
            reply += part
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return answer.removeprefix("stream:").removesuffix("FOUND").strip()
    raise OSError(f"clamd answered: {answer[:200]}")


@dataclass(frozen=True)
class Checked:
    data: bytes
    content_type: str
    filename: str
    scan: str


def check_file(settings: Settings, filename: str, stream: IO[bytes]) -> Checked:
    """Read and check an upload; FileRefused (field "file") says what is wrong. Nothing is stored yet."""
    data = read_limited(stream)
    if not data:
        raise FileRefused(EMPTY, "file")
    kind = content_type(data)
    if kind not in ALLOWED_TYPES:
        raise FileRefused(WRONG_TYPE, "file")
    scan = "not-scanned"
    if settings.clamav_socket:
        try:
            found = clamd_scan(settings.clamav_socket, data)
        except OSError:
            raise FileRefused(SCAN_DOWN, "file") from None
        if found is not None:
            raise FileRefused(INFECTED, "file")
        scan = "clean"
    return Checked(data, kind, clean_filename(filename, kind), scan)


def keep(
    session: Session,
    settings: Settings,
    complaint: Complaint,
    checked: Checked,
    *,
    by: StaffUser | str,
    entry_id: int | None = None,
) -> Attachment:
    """Store checked bytes and their row (the caller audits). Flushes."""
    key = secrets.token_hex(20)
    file_store(settings).put(key, checked.data)
    item = Attachment(
        complaint_id=require_id(complaint),
        entry_id=entry_id,
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        storage_key=key,
        scan=checked.scan,
        staff_id=by.id if isinstance(by, StaffUser) else None,
        by_label=by.name if isinstance(by, StaffUser) else by,
    )
    session.add(item)
    session.flush()
    return item


def files_of(session: Session, complaint_id: int) -> list[Attachment]:
    statement = select(Attachment).where(Attachment.complaint_id == complaint_id)
    return list(session.exec(statement.order_by(col(Attachment.created_at), col(Attachment.id))).all())


def read(settings: Settings, item: Attachment) -> bytes:
    return file_store(settings).get(item.storage_key)


def delete_all(session: Session, settings: Settings, complaint_id: int) -> int:
    """Remove every file of a complaint, bytes and rows (the purge). Returns how many."""
    store = file_store(settings)
    items = files_of(session, complaint_id)
    for item in items:
        store.delete(item.storage_key)
        session.delete(item)
    session.flush()
    return len(items)


def type_words(item: Attachment) -> str:
    return ALLOWED_TYPES.get(item.content_type, item.content_type)


def size_words(item: Attachment) -> str:
    return readable_size(item.size)
