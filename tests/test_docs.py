"""The documentation holds to the application: docs/commands.md is the app's own --help,
every command and option has help, the README quotes the files it names, links lead
somewhere, and --version is the version the package is built with."""

from __future__ import annotations

import re
import runpy
import tomllib
from pathlib import Path

from netcadence import __version__
from netcadence.cli.main import dispatch

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = runpy.run_path(str(ROOT / "scripts" / "commands-doc"))
REGENERATE = "run `.venv/bin/python scripts/commands-doc` to regenerate it"
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "benchmarks" / "README.md",
         *sorted((ROOT / "docs").glob("*.md"))]


def test_commands_doc_is_the_apps_help():
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert written == GENERATOR["render"](), f"docs/commands.md is out of date: {REGENERATE}"


def test_commands_doc_does_not_depend_on_the_terminal(monkeypatch):
    wide = GENERATOR["render"]()
    monkeypatch.setenv("COLUMNS", "40")
    assert GENERATOR["render"]() == wide


def test_every_command_and_option_has_help():
    missing = []
    for path, command, _ctx in GENERATOR["walk"]():
        name = " ".join(path)
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{name} {param.opts[0] if param.opts else param.name}")
    assert not missing, (
        "no help text: " + ", ".join(missing)
        + f"; give each a help= string, then {REGENERATE}")


def test_every_command_is_in_the_doc():
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    absent = [" ".join(path) for path, _c, _x in GENERATOR["walk"]()
              if f"# {' '.join(path)}\n" not in written]
    assert not absent, f"docs/commands.md lacks {', '.join(absent)}: {REGENERATE}"


def _alias(text: str, name: str) -> str:
    found = re.findall(rf"^alias {name}=.*$", text, re.M)
    assert len(found) == 1, f"expected one alias {name}, found {found}"
    return found[0]


def test_the_readme_quotes_the_weekly_alias_of_the_example_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / "examples" / "weekly-review.sh").read_text(encoding="utf-8")
    assert _alias(readme, "nc-week") == _alias(example, "nc-week")


def test_the_sample_network_is_one_file():
    example = ROOT / "examples" / "network.json"
    packaged = ROOT / "netcadence" / "data" / "network.json"
    assert not packaged.is_symlink()
    assert example.resolve() == packaged.resolve()


def test_the_readme_gives_the_one_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run the tests", 1)[1].split("\n## ", 1)[0]
    assert "```sh\nscripts/test\n```" in section
    assert "NETCADENCE_TEST_PG" in section
    assert re.search(r"^scripts/test\b", (ROOT / ".ci" / "run").read_text(), re.M)


def test_the_readme_stays_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= 220, f"README.md has {lines} lines: move the detail to a page of docs/"


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#+ (.+)$", _without_code(text), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _without_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))


def test_every_link_between_pages_leads_somewhere():
    broken = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", _without_code(text)):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            where = (page.parent / file) if file else page
            if not where.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and where.suffix == ".md" and anchor not in _anchors(
                    where.read_text(encoding="utf-8")):
                broken.append(f"{page.relative_to(ROOT)}: {target} (no such heading)")
    assert not broken, "broken links: " + "; ".join(broken)


def test_version_is_the_packages(capsys):
    with open(ROOT / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert __version__ == version
    assert dispatch(["--version"]) == 0
    assert capsys.readouterr().out == f"netcadence {version}\n"
