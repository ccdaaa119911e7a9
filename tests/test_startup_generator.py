"""The benchmark's network: loaded directly or through `import json`, it is the same."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def generator():
    spec = importlib.util.spec_from_file_location("netcadence_benchmark_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("netcadence_benchmark_generate", module)
    spec.loader.exec_module(module)
    return module


def test_direct_load_and_import_json_give_the_same_export(ok, tmp_path, monkeypatch):
    gen = generator()
    today = date(2026, 11, 23)
    people = gen.network(60, 900, today, seed=3)
    file = tmp_path / "network.json"
    file.write_text(json.dumps(gen.as_json(people)), encoding="utf-8")
    direct = tmp_path / "direct.db"
    gen.fill_database(direct, people, today)
    if ok("import", "json", str(file)).code:
        pytest.skip("no import json in this build")
    imported = ok("export", "json").out
    monkeypatch.setenv("NETCADENCE_DB", str(direct))
    loaded = ok("export", "json").out

    def without_ids(text: str) -> str:
        return re.sub(r'"id": \d+', '"id": 0', text)

    assert without_ids(loaded) == without_ids(imported)
    due = ok("due", "--within", "1y", "--json").json()
    assert len(due) > 10
