"""The README stays true: its two commands, and its examples of the output contract."""

from __future__ import annotations

import json
import re

import pytest

from newscrawl import schema
from tests.conftest import EXPECTED, REPO

README = (REPO / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_the_two_commands() -> None:
    before_first_section = README.split("\n## ")[0]
    commands = re.findall(r"```sh\n(.*?)\n```", before_first_section, flags=re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    demo, tests = commands
    assert demo.startswith("python3 -m venv .venv") and "newscrawl demo" in demo
    assert tests.startswith("python3 -m venv .venv") and "pytest" in tests
    assert tests in (REPO / ".ci" / "run").read_text("utf-8"), "CI runs the README's command"


EXAMPLES = [
    json.loads(body) for lang, body in BLOCKS if lang == "json" and body.startswith('{"type"')
]


def test_there_is_one_example_of_each_record_type() -> None:
    assert sorted(e["type"] for e in EXAMPLES) == ["article", "related_link", "ticker_headline"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["type"])
def test_examples_are_valid_records(example: dict) -> None:
    assert schema.errors(example) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["type"])
def test_examples_are_what_the_crawl_writes(example: dict) -> None:
    expected = [
        json.loads(line)
        for line in (EXPECTED / "yemenshabab_en.jsonl").read_text("utf-8").splitlines()
    ]
    mirror = [
        json.loads(json.dumps(r).replace("http://mirror", "https://en.yemenshabab.net"))
        for r in expected
    ]
    key = "id" if "id" in example else "article_id"
    match = next(
        r
        for r in mirror
        if r["type"] == example["type"]
        and r[key] == example[key]
        and r.get("position") == example.get("position")
    )
    shown = {k: v for k, v in example.items() if k not in ("crawled_at", "body")}
    assert {k: match[k] for k in shown} == shown
    if "body" in example:
        assert match["body"].startswith(example["body"].rstrip("…"))
