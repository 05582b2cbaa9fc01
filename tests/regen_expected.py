"""Regenerate tests/expected/*.jsonl from real crawls of the mirrors.

    .venv/bin/python tests/regen_expected.py      # then READ `git diff tests/expected`

Run it only after an intended change of output, and review the diff line by line: the
expected files are the contract the crawl tests hold the spiders to.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.mirror import MirrorServer, load_sites
from tests.conftest import EXPECTED, SITES, Crawler, comparable


def main() -> None:
    with MirrorServer(load_sites(SITES)) as server, tempfile.TemporaryDirectory() as tmp:
        crawler = Crawler(server, Path(tmp))
        for site in sys.argv[1:] or SITES:
            result = crawler.run(site)
            if result.returncode != 0:
                raise SystemExit(f"{site}: crawl failed\n{result.log[-3000:]}")
            lines = [
                json.dumps(r, ensure_ascii=False) for r in comparable(result.records, result.origin)
            ]
            (EXPECTED / f"{site}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{site}: {len(lines)} records -> tests/expected/{site}.jsonl")


if __name__ == "__main__":
    main()
