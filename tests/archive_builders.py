"""Building real export files in tmp_path from the fixture folders (used by test_import*)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

ARCHIVES = Path(__file__).parent / "fixtures" / "archives"


def zip_folder(folder: Path, target: Path, *, prefix: str = "", extra: dict | None = None) -> Path:
    """Zip ``folder`` as the platform ships it (optionally under a top folder ``prefix``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


def zip_files(target: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def tar_folder(folder: Path, target: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    """A .tar.gz of ``folder``, as Mastodon ships its archive; ``extra`` files go last."""
    import io

    with tarfile.open(target, "w:gz") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.add(file, file.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def container(kind: str, folder: Path, tmp_path: Path) -> Path:
    """The fixture export as a folder, a zip or a tar.gz."""
    if kind == "folder":
        return folder
    if kind == "zip":
        return zip_folder(folder, tmp_path / f"{folder.name}.zip")
    return tar_folder(folder, tmp_path / f"{folder.name}.tar.gz")
