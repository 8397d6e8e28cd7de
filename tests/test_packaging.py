"""Prompts are data at the project root; both kinds of install must find every one of them."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from closeness_journal import paths
from closeness_journal.prompt_files import load_prompts

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_finds_its_prompts_folder():
    """An editable install has no copy inside the package: the checkout's prompts/ is used."""
    package_copy = Path(paths.__file__).parent / "prompts"
    if package_copy.is_dir():
        pytest.skip("running from a non-editable install")
    assert paths.bundled_prompts_dirs() == [ROOT / "prompts"]
    assert len(load_prompts().library.prompts) >= 60


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    [built] = out.glob("closeness_journal-*.whl")
    return built


def test_the_wheel_carries_every_prompt_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted([*(p.name for p in (ROOT / "prompts").glob("*.toml")), "read.json"])
    assert sorted(Path(n).name for n in names if n.startswith("closeness_journal/prompts/")) == shipped


def test_an_installed_wheel_finds_its_prompts_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import closeness_journal.paths as p, closeness_journal.prompt_files as f;"
        "print(p.bundled_prompts_dirs()[0]); print(len(f.load_prompts().library.prompts))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    )
    folder, count = out.stdout.split()
    assert Path(folder) == site / "closeness_journal" / "prompts"
    assert int(count) >= 60
