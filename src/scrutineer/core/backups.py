"""Backups of the whole database: SQLite's online backup API, or pg_dump/pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump and pg_restore only
from pathlib import Path

from django.db import connection


class BackupFailed(Exception):
    """The backup or restore could not be made; the message says why."""


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    settings = connection.settings_dict
    arguments = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        arguments += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(f"{name} is not installed: install PostgreSQL's client tools.")
    return found


def backup_to(path: Path) -> None:
    """Write a consistent copy of the database to ``path`` while the site keeps running."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        arguments, environment = _pg_environment()
        result = subprocess.run(  # noqa: S603  # nosec B603 - fixed program, settings arguments
            [_tool("pg_dump"), "--format=custom", "--file", str(path), *arguments],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupFailed(result.stderr.strip() or "pg_dump failed")
    else:
        raise BackupFailed(f"Backups of {connection.vendor} databases are not supported.")


def restore_from(path: Path) -> None:
    """Replace the database's contents with the backup at ``path``."""
    if not path.is_file():
        raise BackupFailed(f"{path} is not a file.")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            source.execute("PRAGMA quick_check").fetchone()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupFailed(f"{path} is not a Scrutineer SQLite backup ({exc}).") from None
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        arguments, environment = _pg_environment()
        connection.close()
        result = subprocess.run(  # noqa: S603  # nosec B603 - fixed program, settings arguments
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *arguments,
                str(path),
            ],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupFailed(result.stderr.strip() or "pg_restore failed")
    else:
        raise BackupFailed(f"Restoring {connection.vendor} databases is not supported.")
