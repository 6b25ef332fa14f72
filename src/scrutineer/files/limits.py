"""How big a file Scrutineer will read, checked before anything reads it."""

from scrutineer.files.parsers.errors import refused

MAX_BYTES = 10 * 1024 * 1024


def check_size(data: bytes, *, filename: str = "") -> None:
    """Refuse a file over MAX_BYTES before anything reads it."""
    if len(data) > MAX_BYTES:
        limit = f"{MAX_BYTES / 1024 / 1024:.1f}".removesuffix(".0")
        raise refused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; "
            f"the largest file that can be imported is {limit} MB",
            filename,
        )
