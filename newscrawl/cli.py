"""The ``newscrawl`` console command.

newscrawl demo                       crawl the bundled mirrors, print where the output went
newscrawl mirror [--port 8000]       serve the mirrors (same as python -m newscrawl.mirror)
newscrawl extract PAGE --url URL     split a saved page into records (JSON Lines on stdout)
newscrawl check-live [SITE ...]      crawl a few live articles per site, report what broke
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from newscrawl import mirror
from newscrawl.runs import crawl_command, crawl_env, read_records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="newscrawl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="crawl the bundled offline mirrors")
    demo.add_argument("--out", type=Path, default=Path("data/demo"), help="output folder")
    demo.add_argument("--site", action="append", help="only this site (repeatable)")
    demo.set_defaults(run=run_demo)

    serve = commands.add_parser("mirror", help="serve the offline mirrors on 127.0.0.1")
    serve.add_argument("rest", nargs=argparse.REMAINDER)
    serve.set_defaults(run=run_mirror)

    extract = commands.add_parser("extract", help="split saved pages into records")
    extract.add_argument("pages", nargs="+", type=Path, help="saved HTML file(s)")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--site", help="site profile (spider name or host); default: generic")
    extract.add_argument("--content-type", help="the HTTP Content-Type header, if known")
    extract.set_defaults(run=run_extract)

    live = commands.add_parser("check-live", help="check the real sites still parse right")
    live.add_argument("sites", nargs="*", help="spider names (default: all)")
    live.add_argument("--articles", type=int, default=2, help="articles per site")
    live.add_argument("--base-url", help="check a mirror at this origin instead (one site)")
    live.set_defaults(run=run_check_live)

    args = parser.parse_args(argv)
    return args.run(args)


def run_mirror(args: argparse.Namespace) -> int:
    mirror.main(args.rest)
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from newscrawl.api import extract_page

    for page in args.pages:
        records = extract_page(
            page.read_bytes(), args.url, args.site, content_type=args.content_type
        )
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    return 0


def run_check_live(args: argparse.Namespace) -> int:
    from newscrawl import checklive

    sites = args.sites or checklive.known_sites()
    unknown = sorted(set(sites) - set(checklive.known_sites()))
    if unknown or (args.base_url and len(sites) != 1):
        print(
            f"unknown site(s) {unknown}" if unknown else "--base-url takes exactly one site",
            file=sys.stderr,
        )
        return 2
    results = checklive.check(sites, args.articles, args.base_url)
    for health in results:
        print(health.line())
    return 0 if all(h.ok for h in results) else 1


def run_demo(args: argparse.Namespace) -> int:
    """Serve the mirrors on free loopback ports and run one real `scrapy crawl` per site."""
    sites = mirror.load_sites(args.site)
    args.out.mkdir(parents=True, exist_ok=True)
    env = crawl_env()
    failed = 0
    with mirror.MirrorServer(sites) as server:
        crawls = {}
        for site in sites:
            out = args.out / f"{site.name}.jsonl"
            command = crawl_command(
                site.name,
                out,
                args={"base_url": server.url(site.name)},
                settings={"NEWSCRAWL_NOW": site.fetched_at, "LOG_LEVEL": "WARNING"},
            )
            print(f"crawling {site.name} (mirror of {site.base_url}) at {server.url(site.name)}")
            crawls[site.name] = (out, subprocess.Popen(command, env=env))
        for name, (out, process) in crawls.items():
            code = process.wait()
            failed += code != 0
            counts = Counter(record["type"] for record in read_records(out))
            summary = ", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "no records"
            print(f"{name}: exit {code}: {summary} -> {out.resolve()}")
    print(f"\nOutput written under {args.out.resolve()}/ (JSON Lines, one record per line).")
    print(f"Try: jq -c 'select(.type==\"article\") | {{title, published_at}}' {args.out}/*.jsonl")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
