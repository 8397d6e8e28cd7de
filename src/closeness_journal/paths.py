"""Where the journal's files live, and keeping them private. The only module that knows paths.

Data folder, first match wins:
  1. `--data-dir DIR` on the command line
  2. the `CLOSENESS_JOURNAL_DIR` environment variable
  3. platformdirs' user data folder for "closeness-journal"

Prompt files, in this lookup order (all found folders are merged; the first copy of an id wins):
  1. the prompts shipped inside the installed package (`closeness_journal/prompts`, put there
     by the wheel build),
  2. the source checkout's `prompts/` folder (what an editable install sees, since the build
     mapping does not apply to it),
  3. your own prompt files in `<config folder>/prompts/*.toml`, where the config folder is
     `CLOSENESS_JOURNAL_CONFIG_DIR` if set, else platformdirs' user config folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "closeness-journal"
DATA_ENV = "CLOSENESS_JOURNAL_DIR"
CONFIG_ENV = "CLOSENESS_JOURNAL_CONFIG_DIR"
DB_NAME = "journal.db"
BACKUP_FOLDER = "backups"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the journal (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def database_path(folder: Path) -> Path:
    return folder / DB_NAME


def side_files(database: Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is in use (write-ahead log, shared
    memory, rollback journal)."""
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def backups_folder(folder: Path) -> Path:
    """Where backups of the journal in `folder` go."""
    return folder / BACKUP_FOLDER


PARTIAL_SUFFIX = ".partial"


def partial_path(target: Path, pid: int | None = None) -> Path:
    """The hidden temporary file a private file is written to before it is renamed to `target`.
    It names the process writing it, so a partial file left by a killed one is told apart."""
    return target.with_name(f".{target.name}.{os.getpid() if pid is None else pid}{PARTIAL_SUFFIX}")


def partials_list(folder: Path) -> Path:
    """Where the journal in `folder` notes the partial files being written (exports and backups
    anywhere), so one left by a killed process is removed the next time the journal opens."""
    return backups_folder(folder) / ".partial-files"


def encryption_settings(folder: Path) -> Path:
    """Beside an encrypted journal: what its key is derived with (not secret; see store/encryption.py)."""
    return folder / (DB_NAME + ".encryption")


def journal_files(folder: Path) -> list[Path]:
    """The files of the journal in `folder` that nothing else may overwrite: the database, the
    files SQLite keeps beside it, and an encrypted one's settings (its backups are in `backups_folder`)."""
    database = database_path(folder)
    return [database, *side_files(database), encryption_settings(folder)]


def config_dir() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_prompts_dir() -> Path:
    return config_dir() / "prompts"


def bundled_prompts_dirs() -> list[Path]:
    """The shipped prompt folders that exist, in lookup order (installed copy, then checkout)."""
    package = Path(__file__).resolve().parent
    candidates = [package / "prompts", package.parent.parent / "prompts"]
    return [folder for folder in candidates if folder.is_dir()]


OUR_FILES = ("journal.db", "entry-", "backups")


class SharedFolder(OSError):
    """A data folder that others can read and that holds files that are not the journal's."""


class NotAFile(OSError):
    """A journal file that is a symbolic link, a folder or a device: refused, never followed."""


def ensure_private_dir(folder: Path) -> None:
    """Create the folder 0700 (parents as needed), or take group and other access away from an
    existing one. A folder that is shared and holds other files (say /tmp) is refused, not changed."""
    if folder.is_dir():
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077 and any(not entry.name.startswith(OUR_FILES) for entry in folder.iterdir()):
            raise SharedFolder(
                f"{folder} can be read by others and holds other files; choose an empty folder "
                "or a new one for your journal"
            )
    folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _tighten(folder)


def ensure_private_file(path: Path) -> None:
    """Create an empty file 0600 if missing, or tighten an existing one that is looser. A symbolic
    link or anything else that is not a plain file is refused (`NotAFile`) and left as it is."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, PRIVATE_FILE_MODE)
    except FileExistsError:
        tighten_if_exists(path)
    else:
        os.close(fd)


def tighten_if_exists(path: Path) -> None:
    """Tighten a plain file; a symbolic link or other non-file is refused (`NotAFile`), untouched."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(f"{path} is {describe(info)}, not a plain file")
    _tighten(path, info)


def tighten_backups(folder: Path) -> None:
    """Make an existing backups folder 0700 and the plain files in it 0600 (a backup is the whole
    journal). Links and other things in it are left alone: they are not ours to change."""
    backups = backups_folder(folder)
    try:
        info = os.lstat(backups)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    _tighten(backups, info)
    for entry in os.scandir(backups):
        if entry.is_file(follow_symlinks=False):
            _tighten(Path(entry.path), entry.stat(follow_symlinks=False))


def describe(info: os.stat_result) -> str:
    """What a path that is not a plain file is, in words."""
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link"
    if stat.S_ISDIR(info.st_mode):
        return "a folder"
    return "a special file (a device, pipe or socket)"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _tighten(path: Path, info: os.stat_result | None = None) -> None:
    """Take away group and other access; the owner's own bits are left as they are."""
    current = stat.S_IMODE((info or path.stat()).st_mode)
    if current & 0o077:
        os.chmod(path, current & ~0o077)
