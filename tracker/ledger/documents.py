"""Proofs and acknowledgements: PDFs and images kept in the instance folder, never under the web root.

A file is named by its SHA-256, so the same scan uploaded twice is stored once, and is read back only
through the route that checks who asks. Its type is taken from its first bytes, never from its name.
It is written beside its place before the commit and put there once the transaction commits: a
refused entry leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import event

from tracker.extensions import db
from tracker.ledger.models import Document

# The types a proof may have, by the bytes a file of that type starts with.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


class DocumentRefused(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _folder() -> Path:
    folder = Path(current_app.config.get("DOCUMENT_FOLDER") or Path(current_app.instance_path) / "documents")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def content_type_of(data: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def store(actor, campaign_id: int, filename: str, data: bytes) -> Document:
    """Keep an uploaded proof. Refuses an empty, too large or unknown file before writing anything."""
    limit = current_app.config["DOCUMENT_MAX_BYTES"]
    if not data:
        raise DocumentRefused("document_empty")
    if len(data) > limit:
        raise DocumentRefused("document_too_large", limit=limit // (1024 * 1024))
    content_type = content_type_of(data)
    if content_type is None:
        raise DocumentRefused("document_type")
    digest = hashlib.sha256(data).hexdigest()
    _write_on_commit(digest, data)
    name = Path(filename or "document").name[:200] or "document"
    document = Document(campaign_id=campaign_id, filename=name, content_type=content_type, size=len(data),
                        sha256=digest, uploaded_by_id=actor.id, uploaded_at=dt.datetime.now(dt.UTC))
    db.session.add(document)
    db.session.flush()
    return document


def _write_on_commit(digest: str, data: bytes) -> None:
    """Write the file now, under a name of its own, and give it its digest's name once the transaction
    commits; a rollback removes it. A failure after the commit is logged, never raised: the entry is
    saved, and its proof can be uploaded again."""
    session = db.session()
    pending = session.info.setdefault("documents_to_keep", [])
    if not pending:
        logger = current_app.logger
        event.listen(session, "after_commit", lambda s: _keep(s.info.pop("documents_to_keep", []), logger), once=True)
        event.listen(session, "after_rollback", lambda s: _discard(s.info.pop("documents_to_keep", [])), once=True)
    partial = _folder() / f".{digest}.{secrets.token_hex(8)}.partial"
    descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    pending.append((partial, _folder() / digest))


def _keep(pending: list[tuple[Path, Path]], logger) -> None:
    for partial, final in pending:
        try:
            partial.replace(final)  # the same file again replaces itself with identical bytes
        except OSError:
            logger.exception("A committed proof could not be kept as %s", final)
            partial.unlink(missing_ok=True)


def _discard(pending: list[tuple[Path, Path]]) -> None:
    for partial, _final in pending:
        partial.unlink(missing_ok=True)


def path_of(document: Document) -> Path:
    return _folder() / document.sha256
