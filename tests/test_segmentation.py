"""The ticker and related-news rules, one small page per case, in many languages.

Each row of a table is a page body (wrapped in a minimal page whose headline is an h1 and
whose text is a few paragraphs) and what the detector must find: the titles (and, where it
matters, the addresses) of the entries, or nothing. Negative rows are as important as
positive ones: a wrong ticker or related list in the archive is worse than none.
"""

from __future__ import annotations

import pytest

from newscrawl.extract.generic import find_related, find_ticker
from newscrawl.extract.page import Page
from newscrawl.vocab.labels import NOT_RELATED, RELATED, TICKER, label_key

SITE = "https://news.example.com"
URL = f"{SITE}/world/2025/03/04/envoy-arrives-in-muscat-for-talks-12345"
TEXT = (
    "<p>The envoy arrived in the capital on Tuesday for talks with the negotiators of both "
    "parties on a new exchange of prisoners held since the start of the war.</p>"
    "<p>A spokesman said the talks would focus on the lists of names submitted last month, "
    "which include journalists and politicians held for years by both sides.</p>"
)
H1 = "<h1>Envoy arrives in Muscat for talks on prisoners</h1>"


def page(body: str, *, before: str = "", title: str = "Envoy arrives - News") -> Page:
    """A page: ``before`` above the headline, then the headline, the text and ``body``."""
    html = (
        f"<html><head><title>{title}</title></head><body>{before}"
        f"<article>{H1}<div class='text'>{TEXT}</div>{body}</article></body></html>"
    )
    return Page(URL, html)


def links(*titles: str, prefix: str = "/world/2025/03/0") -> str:
    """A list of article links with the given headlines."""
    items = "".join(
        f'<li><a href="{prefix}{i}/story-number-{i}-{i * 7}.html">{t}</a></li>'
        for i, t in enumerate(titles, 1)
    )
    return f"<ul>{items}</ul>"


HEADLINES = ("Talks on prisoners resume next week in Muscat", "Airport receives first flight")
LIST = links(*HEADLINES)

# --- related: a labelled list, in the languages of the news ---------------------------------

RELATED_LABELS = [
    "Related News",
    "Related articles:",
    "Read also",
    "More on this story",
    "Mehr zum Thema",
    "Mehr zum Thema: Gaza",
    "Lesen Sie auch",
    "Verwandte Artikel",
    "Passend zum Artikel",
    "À lire aussi",
    "Sur le même sujet",
    "Noticias relacionadas",
    "Lee también",
    "Leia também",
    "Leggi anche",
    "Lees ook",
    "Les også",
    "Läs också",
    "Czytaj też",
    "Čtěte také",
    "İlgili haberler",
    "Читайте также",
    "По теме",
    "أخبار ذات صلة",
    "إقرأ أيضاً",
    "اقرأ ايضا:",
    "مواضيع ذات صلة",
    "مطالب مرتبط",
    "כתבות נוספות בנושא",
    "【関連記事】",
    "■関連ニュース",
    "관련기사",
    "相关新闻",
    "延伸閱讀",
    "Baca juga",
    "เรื่องที่เกี่ยวข้อง",
]


@pytest.mark.parametrize("label", RELATED_LABELS)
def test_labelled_list_is_related(label: str) -> None:
    got = find_related(page(f"<div class='box'><h3>{label}</h3>{LIST}</div>"))
    assert [e.title for e in got] == list(HEADLINES)
    assert got[0].url == f"{SITE}/world/2025/03/01/story-number-1-7.html"


# Lists that are not related to this article, whatever their entries.
UNRELATED_LABELS = [
    "Most read",
    "Most popular",
    "Latest news",
    "Trending now",
    "Top stories",
    "You may also like",
    "Recommended for you",
    "Read next",
    "More from Politics",
    "Meistgelesen",
    "Mehr aus dem Ressort",
    "Das könnte Sie auch interessieren",
    "Les plus lus",
    "Lo más leído",
    "Últimas noticias",
    "Più letti",
    "Najnowsze",
    "Mest läst",
    "En çok okunanlar",
    "Самое читаемое",
    "الأكثر قراءة",
    "آخر الأخبار",
    "قد يهمك",
    "アクセスランキング",
    "인기뉴스",
    "最多人阅读",
    "Sponsored",
    "From around the web",
]


@pytest.mark.parametrize("label", UNRELATED_LABELS)
def test_other_lists_are_not_related(label: str) -> None:
    assert find_related(page(f"<div class='box'><h3>{label}</h3>{LIST}</div>")) == []


# --- related: where the list is and what it holds -----------------------------------------

RELATED_CASES = {
    # An in-text line that starts with the label and holds the link.
    "inline line": (
        '<p>Lire aussi : <a href="/monde/2025/03/01/les-pourparlers-reprennent-4411">Les '
        "pourparlers reprennent la semaine prochaine</a></p>",
        ["Les pourparlers reprennent la semaine prochaine"],
    ),
    "bold label then link": (
        '<p><strong>READ MORE:</strong> <a href="/world/2025/03/01/flight-lands-in-sanaa-88">'
        "First humanitarian flight lands in Sanaa</a></p>",
        ["First humanitarian flight lands in Sanaa"],
    ),
    # "Read more" inside the text is a read-also box; as a section at the page's foot it
    # titles the site's latest stories.
    "weak label inside the text": (
        f"<div class='inline'><h4>Read more</h4>{LIST}</div>{TEXT}",
        list(HEADLINES),
    ),
    "label printed in the teaser link": (
        '<a href="/sport/2025/03/01/bellingham-follows-advice-77"><span>Lesen Sie auch:</span>'
        "<h3>Bellingham befolgt den Rat seiner Mutter</h3></a>",
        ["Bellingham befolgt den Rat seiner Mutter"],
    ),
    # A tab bar: only the panel the "Related" tab opens.
    "tab panel": (
        "<div><button aria-controls='p-rel'>Related</button><button aria-controls='p-pop'>"
        f"Most read</button></div><div id='p-pop'>{links('Popular story number one today')}"
        f"</div><div id='p-rel'>{LIST}</div>",
        list(HEADLINES),
    ),
    # The heading sits alone in its title box; the list follows the box.
    "heading in its own title box": (
        f"<div class='row'><div class='title'><h2><span>Related posts</span></h2></div>"
        f"<div class='posts'>{LIST}</div></div>",
        list(HEADLINES),
    ),
    # The list ends where the next heading starts.
    "stops at the next heading": (
        f"<h3>Related</h3>{LIST}<h3>Most read</h3>{links('Popular story number one today')}",
        list(HEADLINES),
    ),
}


@pytest.mark.parametrize("case", sorted(RELATED_CASES))
def test_related_case(case: str) -> None:
    body, want = RELATED_CASES[case]
    assert [e.title for e in find_related(page(body))] == want


NO_RELATED = {
    # A box merely named "related" says nothing: themes name latest-news boxes so too.
    "class name only": f"<div class='related-posts'>{LIST}</div>",
    # "Read more" among "Latest in ..." and "Most read" boxes: the site's recirculation.
    "weak label among recirculation boxes": (
        f"</article><div><section><h3>Latest in World</h3>{links('Latest story number one')}"
        f"</section><section><h3>Read more</h3>{LIST}</section><section><h3>Most read</h3>"
        f"{links('Popular story number one today')}</section></div><article>"
    ),
    "weak label in a read-next box": (
        f"<section class='read-next'><h2>Read more</h2>{LIST}</section>"
    ),
    # Filled by script: the saved page shows no entry, and the next section is not it.
    "lazy list": (
        "<section><div class='head'><h3>Related</h3></div><div class='items' "
        "data-load='/suggested/1.json'></div></section><section><div class='t'>Columns</div>"
        f"{LIST}</section>"
    ),
    "tags": (
        "<h3>Related</h3><ul><li><a href='/tag/yemen'>Yemen</a></li>"
        "<li><a href='/topics/prisoner-exchange'>Prisoner exchange</a></li></ul>"
    ),
    "author pages": (
        "<h3>Related</h3><ul><li><a href='/autor/marcel-sommer-102.html'>Marcel Sommer</a>"
        "</li></ul>"
    ),
    "the article itself and a more-link": (
        f"<h3>Related</h3><ul><li><a href='{URL}#comments'>Envoy arrives in Muscat for talks "
        "on prisoners</a></li><li><a href='/news_list.php?cat=1'>More about World</a></li></ul>"
    ),
    "mostly other sites": (
        "<h3>Related</h3><ul><li><a href='https://ads.adnetwork.net/1'>Doctors stunned by "
        "this simple trick</a></li><li><a href='https://ads.adnetwork.net/2'>The beaches you "
        "have never heard of</a></li></ul>"
    ),
    "sponsored widget": f"<div class='OUTBRAIN'><h3>Related stories</h3>{LIST}</div>",
    "in the site's footer": f"</article><footer><h3>Related</h3>{LIST}</footer><article>",
}


@pytest.mark.parametrize("case", sorted(NO_RELATED))
def test_no_related(case: str) -> None:
    assert find_related(page(NO_RELATED[case])) == []


def test_sponsored_teaser_is_left_out() -> None:
    body = (
        "<h3>Lesen Sie auch</h3><ul><li><a href='/politik/article1234/wahl-in-thueringen.html'>"
        "Die Wahl in Thüringen und ihre Folgen</a></li><li><span>Anzeige</span>"
        "<a href='/kaufberatung/article5678/kreditkarten-vergleich.html'>Die beste Kreditkarte "
        "für Reisen im Vergleich</a></li></ul>"
    )
    assert [e.title for e in find_related(page(body))] == ["Die Wahl in Thüringen und ihre Folgen"]


@pytest.mark.parametrize(
    ("shown", "section", "date_raw"),
    [
        ("[أخبار محلية] 27-01-2026", "أخبار محلية", "27-01-2026"),
        ("(محليات - 10/08/2025)", "محليات", "10/08/2025"),
        ("(27/01/2026)", None, "27/01/2026"),
        ("Arab | 4 Jan, 2025", "Arab", "4 Jan, 2025"),
    ],
)
def test_inline_list_reads_section_and_date_after_the_link(
    shown: str, section: str | None, date_raw: str
) -> None:
    body = (
        "<div><b>أخبار ذات صلة</b></div><div>• <a href='/news_details.php?sid=214820'>إصابة "
        f"خمسة نازحين بقصف على مخيم في مأرب</a> <span>{shown}</span><br>• "
        "<a href='/news_details.php?sid=214650'>صافر ترفع إنتاج الغاز المنزلي</a><br></div>"
    )
    first = find_related(page(body))[0]
    assert (first.section, first.date_raw) == (section, date_raw)


def test_an_article_listed_twice_is_one_entry_with_what_either_shows() -> None:
    link = "<a href='/world/2025/03/01/talks-resume-321'>Talks on prisoners resume next week</a>"
    body = (
        f"<p>Read also: {link}</p>{TEXT}<h3>Related News</h3><ul><li>{link}"
        "<span class='date'>1 March 2025</span></li></ul>"
    )
    got = find_related(page(body))
    assert [(e.title, e.date_raw) for e in got] == [
        ("Talks on prisoners resume next week", "1 March 2025")
    ]


def test_card_title_is_its_headline_not_its_kicker() -> None:
    body = (
        "<h2>Mehr zum Thema</h2><div><article><a href='/kaernten/19850124/grossbrand-osttirol'>"
        "<h2 class='kicker'>Nach Explosionen</h2><h1>Bürgermeister: Von Brand aus kann noch "
        "nicht die Rede sein</h1></a></article></div>"
    )
    got = find_related(page(body))
    assert [e.title for e in got] == ["Bürgermeister: Von Brand aus kann noch nicht die Rede sein"]


# --- ticker ---------------------------------------------------------------------------------

TICKER_HEADLINES = (
    "Government forces repel attack south of Marib city",
    "Cabinet discusses the electricity crisis in Aden",
)
TICKER_LINKS = "".join(
    f'<a href="/news/2025/03/0{i}/story-{i}-{i * 11}">{t}</a> • '
    for i, t in enumerate(TICKER_HEADLINES, 1)
)

TICKER_LABELS = [
    "Breaking",
    "Breaking News:",
    "Just in",
    "عاجل",
    "عــاجل",
    "أخبار عاجلة:",
    "Eilmeldung",
    "Dernière minute",
    "Última hora",
    "Ultim'ora",
    "Son dakika",
    "Срочно",
    "速報",
    "속보",
    "突发",
    "מבזקים",
    "خبر فوری",
]


@pytest.mark.parametrize("label", TICKER_LABELS)
def test_labelled_bar_above_the_headline_is_the_ticker(label: str) -> None:
    bar = f"<div class='bar'><span>{label}</span><div>{TICKER_LINKS}</div></div>"
    got = find_ticker(page("", before=bar))
    assert [e.title for e in got] == list(TICKER_HEADLINES)
    assert got[0].url == f"{SITE}/news/2025/03/01/story-1-11"


TICKER_CASES = {
    # A marquee scrolls anywhere; a headline that links nowhere is an entry too.
    "marquee below the text": (
        "",
        f"<marquee>{TICKER_LINKS}<span>Taiz: protest calls for the roads to open</span></marquee>",
        [*TICKER_HEADLINES, "Taiz: protest calls for the roads to open"],
    ),
    "named bar": (f"<div class='news-ticker'>{TICKER_LINKS}</div>", "", list(TICKER_HEADLINES)),
    # One headline under an explicit label is a ticker.
    "one labelled headline": (
        f"<div><span>Breaking</span><a href='/news/2025/03/01/story-1-11'>{TICKER_HEADLINES[0]}"
        "</a></div>",
        "",
        [TICKER_HEADLINES[0]],
    ),
    # The seed page's ticker: no label, no name, a bare strip of long headline links.
    "nameless strip": (
        "<div><div>"
        + "".join(
            f"<span><a href='/news/2025/03/0{i}/s-{i}'>Long headline number {i} about the "
            "talks in Muscat</a></span>"
            for i in range(1, 4)
        )
        + "</div></div>",
        "",
        [f"Long headline number {i} about the talks in Muscat" for i in range(1, 4)],
    ),
    # Position numbers and clocks are not part of a headline.
    "numbered marquee": (
        "<div class='tl-marquee'>"
        + "".join(
            f"<a href='/news/2025/03/0{i}/s-{i}'><span>#{i}</span> {t}</a>"
            for i, t in enumerate(TICKER_HEADLINES, 1)
        )
        + "</div>",
        "",
        list(TICKER_HEADLINES),
    ),
}


@pytest.mark.parametrize("case", sorted(TICKER_CASES))
def test_ticker_case(case: str) -> None:
    before, body, want = TICKER_CASES[case]
    assert [e.title for e in find_ticker(page(body, before=before))] == want


NO_TICKER = {
    # Below the headline: a sidebar of latest news, whatever its label or name.
    "just-in sidebar": ("", f"<aside><h3>Just in</h3><div>{TICKER_LINKS}</div></aside>"),
    "news-ticker list under the text": ("", f"<div class='newsticker'>{TICKER_LINKS}</div>"),
    "trending topics bar": (
        "<div class='topics-bar'><span>Trending</span><a href='/t/yemen'>Yemen</a>"
        "<a href='/t/gaza'>Gaza</a><a href='/t/oil'>Oil prices</a></div>",
        "",
    ),
    "navigation": (
        "<nav><ul><li><a href='/politics/'>Politics</a></li><li><a href='/economy/'>Economy"
        "</a></li><li><a href='/world/'>World</a></li></ul></nav>",
        "",
    ),
    "breaking menu item": ("<div><a href='/category/breaking'>Breaking news</a></div>", ""),
    "empty template": (
        "<div class='breaking-news'><span>Breaking</span><template><a href='/x/1'>Filled by "
        "script at load time</a></template></div>",
        "",
    ),
    "banner call to action": (
        "<div class='LinkBannerMarquee'><span>Bottlenecks</span><span>Must-solve problems in "
        "the fight against climate change.</span><a href='/bottlenecks-issue-2023'>Explore "
        "the issue</a></div>",
        "",
    ),
    "promotion of the ticker page": (
        "<div class='c-breaking'><a href='/newsticker'>Die Nachrichten heute im Überblick</a>"
        "<a href='/newsticker'>Newsticker, Schlagzeilen und alles Wichtige</a></div>",
        "",
    ),
    "teaser row with pictures": (
        "<div>"
        + "".join(
            f"<div><a href='/news/2025/03/0{i}/s-{i}'><img src='/i{i}.jpg'>Long headline "
            f"number {i} about the talks in Muscat</a></div>"
            for i in range(1, 4)
        )
        + "</div>",
        "",
    ),
    "market strip": (
        "<div class='market-ticker'><a href='/markets/usd-yer-123'>Dollar buys 1,900 rials in "
        "Aden</a><a href='/markets/sar-yer-124'>Saudi riyal buys 500 rials in Aden</a></div>",
        "",
    ),
}


@pytest.mark.parametrize("case", sorted(NO_TICKER))
def test_no_ticker(case: str) -> None:
    before, body = NO_TICKER[case]
    assert find_ticker(page(body, before=before)) == []


def test_site_name_h1_is_not_the_headline() -> None:
    """Drupal and PHP-Nuke print the site's name as the h1 above the strip and the headline
    as an h2 further down: the strip still stands above the headline."""
    html = (
        "<html><head><title>Envoy arrives in Muscat for talks | Yemen News Net</title></head>"
        "<body><div id='header'><h1>Yemen News Net</h1>"
        "<div class='view-content'>"
        + "".join(
            f"<span><a href='/news/2025/03/0{i}/s-{i}'>Long headline number {i} about the "
            "talks in Muscat</a></span>"
            for i in range(1, 4)
        )
        + f"</div></div><h2>Envoy arrives in Muscat for talks</h2>{TEXT}</body></html>"
    )
    assert len(find_ticker(Page(URL, html))) == 3


# --- the vocabulary -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  Lesen Sie auch:  ", "lesen sie auch"),
        ("» RELATED NEWS «", "related news"),
        ("【関連記事】", "関連記事"),
        ("إقرأ أيضاً", "اقرا ايضا"),
        ("أخبار ذات صلة", "اخبار ذات صله"),
        ("عــاجل", "عاجل"),
    ],
)
def test_label_key(text: str, key: str) -> None:
    assert label_key(text) == key


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mehr zum Thema Krieg in der Ukraine", "related"),
        ("Mehr zu Iran", "related"),
        ("Mehr zum Thema finden Sie auch im wöchentlichen Zins-Check", None),
        ("More from Politics", NOT_RELATED),
        ("Read more", "weak"),
        ("The talks resume next week", None),
    ],
)
def test_related_vocabulary(text: str, kind: str | None) -> None:
    assert RELATED.of(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Breaking news", "strong"), ("Latest", "weak"), ("Trending", "not_ticker"), ("News", None)],
)
def test_ticker_vocabulary(text: str, kind: str | None) -> None:
    assert TICKER.of(text) == kind
