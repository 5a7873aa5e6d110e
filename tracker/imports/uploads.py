"""An uploaded file kept between its preview and its commit: in the instance folder, readable by its
owner only, named by a random token tied to the uploader, and gone after the commit or a day."""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

from flask import current_app

KEEP_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def _forget_old(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def keep(data: bytes, owner_id: int, **details) -> str:
    folder = _folder()
    _forget_old(folder)
    token = secrets.token_urlsafe(24)
    _write_private(folder / f"{token}.data", data)
    _write_private(folder / f"{token}.json", json.dumps({**details, "owner_id": owner_id}).encode())
    return token


def _paths(token: str) -> tuple[Path, Path] | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    folder = _folder()
    return folder / f"{token}.data", folder / f"{token}.json"


def fetch(token: str, owner_id: int) -> tuple[Path, dict] | None:
    """The kept file's path and its details, if the token is the owner's and not expired: the file is
    read from there as a stream, never whole."""
    paths = _paths(token)
    if paths is None or not paths[0].exists() or not paths[1].exists():
        return None
    details = json.loads(paths[1].read_text())
    if details.get("owner_id") != owner_id:
        return None
    paths[0].touch()  # read again during the commit: not to be forgotten as old while that runs
    return paths[0], details


def size(path: Path) -> int:
    """The kept file's size; 0 once it is forgotten (its reading then says the preview expired)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def forget(token: str) -> None:
    paths = _paths(token)
    for path in paths or ():
        path.unlink(missing_ok=True)
