"""The ``newscrawl`` console command.

newscrawl demo                           crawl the bundled mirrors, print where the output went
newscrawl mirror [--port 8000] [--site SITE] [--rendition NAME]
                                         serve the mirrors (same as python -m newscrawl.mirror)
newscrawl extract PAGE... [--url URL...] split saved pages into records (JSON Lines on stdout)
newscrawl check-live [SITE ...]          crawl a few live articles per site, report what broke
newscrawl report [DIR] [--out FILE]      one HTML page: articles, ticker, run health, failures

An error is one line on stderr and an exit status: 2 for a wrong command line (an unknown
site, a missing file), 1 when the command could not do its work (a busy port). Output cut
short by the reader (``newscrawl extract ... | head``) ends quietly with status 141, as a
shell reports a program stopped by SIGPIPE.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from newscrawl import mirror
from newscrawl.runs import crawl_command, crawl_env, read_records

USAGE, FAILED, BROKEN_PIPE = 2, 1, 141


class CommandError(Exception):
    """A one-line error of a command and its exit status."""

    def __init__(self, message: str, status: int = USAGE) -> None:
        super().__init__(message)
        self.status = status


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CommandError as error:
        print(f"newscrawl {args.command}: error: {error}", file=sys.stderr)
        return error.status
    except BrokenPipeError:
        return _stdout_closed()


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="newscrawl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = root.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="crawl the bundled offline mirrors")
    demo.add_argument("--out", type=Path, default=Path("data/demo"), help="output folder")
    demo.add_argument("--site", action="append", help="only this site (repeatable)")
    demo.set_defaults(run=run_demo)

    serve = commands.add_parser("mirror", help="serve the offline mirrors on 127.0.0.1")
    serve.add_argument(
        "--port", type=int, default=8000, help="port of the first site, the next ones follow"
    )
    serve.add_argument("--site", action="append", help="serve only this site (repeatable)")
    serve.add_argument("--rendition", help="serve this rendition of the sites' content")
    serve.add_argument("--fixtures", type=Path, help="mirrors folder (default: fixtures/)")
    serve.set_defaults(run=run_mirror)

    extract = commands.add_parser("extract", help="split saved pages into records")
    extract.add_argument("pages", nargs="+", type=Path, help="saved HTML file(s)")
    extract.add_argument(
        "--url",
        action="append",
        default=[],
        help="the URL a page was fetched from: one per page, in order (default: the page's"
        " own canonical link)",
    )
    extract.add_argument("--site", help="site profile (spider name or host); default: generic")
    extract.add_argument("--content-type", help="the HTTP Content-Type header, if known")
    extract.set_defaults(run=run_extract)

    live = commands.add_parser("check-live", help="check the real sites still parse right")
    live.add_argument("sites", nargs="*", help="spider names (default: all)")
    live.add_argument("--articles", type=int, default=2, help="articles per site")
    live.add_argument("--base-url", help="check a mirror at this origin instead (one site)")
    live.set_defaults(run=run_check_live)

    report = commands.add_parser("report", help="write an HTML report of an archive")
    report.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="the archive's home: state/ and data/ (default: NEWSCRAWL_HOME, else here)",
    )
    report.add_argument(
        "--out", type=Path, help="the HTML file (default: DIR/newscrawl-report.html)"
    )
    report.set_defaults(run=run_report)
    return root


# -- mirror -------------------------------------------------------------------------------


def run_mirror(args: argparse.Namespace) -> int:
    argv = ["--port", str(args.port)]
    for site in args.site or []:
        argv += ["--site", site]
    if args.rendition:
        argv += ["--rendition", args.rendition]
    if args.fixtures:
        argv += ["--fixtures", str(args.fixtures)]
    try:
        mirror.main(argv)
    except SystemExit as refused:  # unknown site or rendition: the mirror says which exist
        if isinstance(refused.code, str):
            raise CommandError(refused.code) from None
        raise
    except OSError as exc:
        raise CommandError(_port_problem(args.port, exc), FAILED) from None
    return 0


def _port_problem(port: int, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return (
        f"cannot listen on 127.0.0.1 port {port} or the next ones ({reason});"
        " choose another with --port, or --port 0 for free ones"
    )


# -- extract ------------------------------------------------------------------------------


def run_extract(args: argparse.Namespace) -> int:
    from newscrawl.api import extract_page

    _check_site(args.site)
    urls = _page_urls(args.pages, args.url)
    for page, url in zip(args.pages, urls, strict=True):
        records = extract_page(_read(page), url, args.site, content_type=args.content_type)
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


def _check_site(site: str | None) -> None:
    from newscrawl.sites import get_profile

    if site is None:
        return
    try:
        get_profile(site)
    except KeyError as exc:
        raise CommandError(str(exc.args[0])) from None


def _read(page: Path) -> bytes:
    try:
        return page.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{page}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{page}: {exc.strerror or exc}") from None


def _page_urls(pages: list[Path], urls: list[str]) -> list[str]:
    """One URL per page: as given (in order), or each page's own canonical link."""
    if urls and len(urls) != len(pages):
        raise CommandError(
            f"{len(pages)} page(s) but {len(urls)} --url: give one --url per page, in order,"
            " or none to use each page's canonical link"
        )
    if urls:
        return urls
    found = []
    for page in pages:
        url = canonical_link(_read(page))
        if url is None:
            raise CommandError(f"{page}: the page names no canonical URL; give it with --url")
        found.append(url)
    return found


def canonical_link(html: bytes) -> str | None:
    """The absolute URL a saved page states for itself (``<link rel=canonical>``, then
    ``og:url``). URLs are ASCII, so latin-1 reads them whatever the page's encoding."""
    from parsel import Selector

    page = Selector(text=html.decode("latin-1"))
    for query in ('link[rel~="canonical"]::attr(href)', 'meta[property="og:url"]::attr(content)'):
        url = (page.css(query).get() or "").strip()
        if url.startswith(("http://", "https://")):
            return url
    return None


def _stdout_closed() -> int:
    """The reader went away: stop quietly (and keep Python from complaining at exit)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return BROKEN_PIPE


# -- check-live, report, demo -------------------------------------------------------------


def run_check_live(args: argparse.Namespace) -> int:
    from newscrawl import checklive

    sites = args.sites or checklive.known_sites()
    unknown = sorted(set(sites) - set(checklive.known_sites()))
    if unknown:
        raise CommandError(f"unknown site(s) {unknown}; known: {checklive.known_sites()}")
    if args.base_url and len(sites) != 1:
        raise CommandError("--base-url takes exactly one site")
    results = checklive.check(sites, args.articles, args.base_url)
    for health in results:
        print(health.line())
    return 0 if all(h.ok for h in results) else 1


def run_report(args: argparse.Namespace) -> int:
    from newscrawl import home, report

    folder = args.folder or home.root() or Path.cwd()
    if not folder.is_dir():
        raise CommandError(f"{folder}: no such folder")
    target = report.write(folder, args.out)
    print(f"report written to {target.resolve()}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Serve the mirrors on free loopback ports and run one real `scrapy crawl` per site."""
    try:
        sites = mirror.load_sites(args.site)
    except SystemExit as refused:
        raise CommandError(str(refused.code)) from None
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
