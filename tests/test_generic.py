"""The generic path (no site knowledge) on hand-made page variants.

Every page under ``tests/pages/generic/`` is the same kind of news page laid out the way a
family of sites does it (WordPress themes, a legacy windows-1256 table layout, an Arabic RTL
portal, a BBC-like page, JSON-LD, ...), plus negative pages that must yield nothing. One row
of :data:`CASES` per page says what must come out; each part is its own test so a failure
names the part that broke.
"""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extract.decode import decode_html
from newscrawl.extract.generic import find_article, find_related, find_ticker
from newscrawl.extract.page import Page
from newscrawl.extract.parts import ArticleParts
from newscrawl.records import SiteContext, choose_published

PAGES = Path(__file__).parent / "pages" / "generic"

YS = "https://en.yemenshabab.net/sections/NEWS"
YS_AR = "https://yemenshabab.net/ar/sections/NEWS"
MP = "https://marebpress.net/news_details.php?lang=arabic&sid="
SD = "https://southdaily.example"
TV = "https://taizvoice.example"
AM = "https://almasdar.example/news/"
BBC = "https://www.bbc.example/news"

SEED_PARAGRAPHS = [
    "Bloomberg quoted Russian officials today as saying that Moscow pushed the ousted Syrian "
    "President Bashar al-Assad to flee Syria after it was certain of his defeat, and they "
    "stated that President Vladimir Putin demanded to know why Russian intelligence failed to "
    "predict that end before it was too late.",
    "Three Russian officials close to the Kremlin, who declined to be named, said, according "
    "to Bloomberg, that Russia convinced Assad that he would quickly lose the battle against "
    "armed groups led by Hayat Tahrir al-Sham towards the capital, Damascus, and offered him "
    "and his family safe passage if he left immediately.",
    "The officials said two Russian intelligence agents organized the escape, flying Assad out "
    "of its air base in Syria. One said the plane’s transponder was turned off to avoid being "
    "tracked.",
    "Russian Foreign Minister Sergei Lavrov held talks on the Syrian crisis with his Iranian "
    "and Turkish counterparts in the Qatari capital, Doha, last Saturday.",
]

# One row per page: url, then expected ticker [(title, url)], related
# [(title, url, section, date_raw)] and article fields (None: find_article gives None).
CASES: dict[str, dict[str, Any]] = {
    "seed_like": {
        "url": f"{YS}/Arab/bloomberg-russia-pushed-assad",
        "ticker": [
            (
                "Weapons chaos.. Two killed in two separate incidents in Ibb Governorate",
                f"{YS}/Local/weapons-chaos-ibb",
            ),
            (
                "Houthi militia kidnaps former US embassy employee",
                f"{YS}/Local/militia-kidnaps-embassy-employee",
            ),
            (
                "IOM: 19 Yemeni families displaced for security and economic reasons during "
                "the past week",
                f"{YS}/Local/iom-19-families",
            ),
            (
                "Hadhramaut.. Local Authority, National Council and Tribal Alliance Welcome "
                "Presidential Plan to Normalize Situation in the Governorate",
                f"{YS}/Local/hadhramaut-local-authority",
            ),
        ],
        "related": [
            (
                "The last hours of Bashar al-Assad's rule... This is how the dominoes of the "
                "ousted regime fell",
                f"{YS}/Arab/last-hours-assad",
                "Arab",
                "7 Jan, 2025",
            ),
            (
                "Learn about the map of mass graves in Syria after the fall of the Assad regime",
                f"{YS}/Arab/mass-graves-map",
                "Arab",
                "4 Jan, 2025",
            ),
            (
                "CNN: Daily Russian flights from Syria to air base in Libyan desert",
                f"{YS}/Arab/cnn-daily-flights",
                "Arab",
                "31 Dec, 2024",
            ),
        ],
        "article": {
            "title": "Bloomberg: Russia pushed Bashar al-Assad to flee after confirming his defeat",
            "date_raw": "11 December, 2024 - 3:21 PM",
            "section": "Arab",
            "source": "Bloomberg",
            "authors": [],
            "image_url": "https://en.yemenshabab.net/uploads/assad-flight.jpg",
            "canonical_url": f"{YS}/Arab/bloomberg-russia-pushed-assad",
            "language": "en",
            "paragraphs": SEED_PARAGRAPHS,
        },
    },
    "wp_jnews": {
        "url": f"{SD}/2025/03/04/electricity-plan/",
        "ticker": [
            ("Aden port reopens after two-day closure", f"{SD}/2025/03/04/port-reopens/"),
            ("Fuel prices fall in Lahj and Abyan markets", f"{SD}/2025/03/04/fuel-prices/"),
            (
                "Teachers' salaries to be paid next week, ministry says",
                f"{SD}/2025/03/03/teachers-salaries/",
            ),
        ],
        "related": [
            (
                "Residents protest long power outages in Crater district",
                f"{SD}/2025/02/20/outages-protest/",
                None,
                None,
            ),
            (
                "Solar farm project in Aden reaches 60 percent completion",
                f"{SD}/2025/02/28/solar-farm/",
                None,
                "February 28, 2025",
            ),
            (
                "Saudi fuel shipment arrives for power stations",
                f"{SD}/2025/02/11/fuel-shipment/",
                None,
                "February 11, 2025",
            ),
        ],
        "article": {
            "title": "Government announces new electricity plan for Aden",
            "date_raw": "2025-03-04T10:15:00+03:00",
            "modified_raw": "2025-03-04T12:00:00+03:00",
            "section": "Economy",
            "source": None,
            "authors": ["Salem Ahmed"],
            "tags": ["Aden", "Electricity"],
            "summary": "The plan adds 120 megawatts before summer.",
            "paragraphs": [
                "The government on Tuesday announced a plan to add 120 megawatts to the "
                "electricity grid of Aden before the summer, when outages regularly exceed "
                "twelve hours a day.",
                "The Minister of Electricity said the first 40 megawatts would come from a "
                "rented floating power station expected to dock at the port within weeks.",
                "The remaining capacity will be supplied by repairing two units of the "
                "Al-Hiswa plant, which have been out of service since 2023 for lack of spare "
                "parts.",
                "Residents have repeatedly protested the outages, which also cut water pumping "
                "to several districts of the city during the hottest months.",
            ],
        },
    },
    "wp_td": {
        "url": f"{TV}/health/cholera-taiz/",
        "ticker": [
            ("Taiz: siege road to reopen under UN supervision", f"{TV}/local/taiz-siege-road/"),
            ("Floods sweep away cars and homes in Ibb", f"{TV}/local/ibb-floods/"),
            ("Polio vaccination campaign starts on Saturday", f"{TV}/health/vaccination-campaign/"),
        ],
        "related": [
            (
                "Dengue outbreak spreads to three districts of Taiz",
                f"{TV}/health/dengue-outbreak/",
                None,
                "June 30, 2025",
            ),
            (
                "Displaced families in Taiz camps brace for winter",
                f"{TV}/local/camps-winter/",
                None,
                "January 12, 2025",
            ),
        ],
        "article": {
            "title": "Cholera cases rise in Taiz as rains flood camps",
            "date_raw": "2025-07-14T09:30:00+03:00",
            "source": None,
            "authors": ["Nabil Saif"],
            "tags": ["Taiz", "cholera", "health"],
            "summary": "Health officials report 300 suspected cases in one week.",
            "paragraphs": [
                "Health officials in Taiz reported about 300 suspected cholera cases in one "
                "week, after heavy rains flooded displacement camps on the western edge of the "
                "city.",
                "Doctors at the Al-Thawra hospital said most patients were children under "
                "five, and that the isolation ward had run out of beds by Sunday evening.",
                "Aid agencies called for chlorine tablets and clean water trucks to be sent to "
                "the camps, where latrines overflowed into the tents during the storms.",
            ],
        },
    },
    "legacy_cp1256": {
        "url": f"{MP}90102",
        "ticker": [
            ("الحوثيون يستهدفون سفينة تجارية في البحر الأحمر", f"{MP}90101"),
            ("تعز.. مقتل مدني برصاص قناص في حي الروضة", f"{MP}90100"),
            ("البنك المركزي يعلن مزادا جديدا لبيع العملة الأجنبية", f"{MP}90099"),
        ],
        "related": [
            (
                "وزير الكهرباء يتفقد محطة الحسوة في عدن",
                f"{MP}89950",
                None,
                "25 يناير-كانون الثاني 2026",
            ),
            (
                "احتجاجات في عدن بسبب انقطاع الكهرباء لساعات طويلة",
                f"{MP}89800",
                None,
                "18 يناير-كانون الثاني 2026",
            ),
        ],
        "article": {
            "title": "الحكومة تقر موازنة طارئة لقطاع الكهرباء",
            "date_raw": "الأحد 01 فبراير-شباط 2026 الساعة 05 مساءً",
            "source": "وكالة سبأ",
            "authors": ["مأرب برس - خاص"],
            "paragraphs": [
                "أقر مجلس الوزراء في اجتماعه اليوم بالعاصمة المؤقتة عدن موازنة طارئة لقطاع "
                "الكهرباء بهدف مواجهة الانقطاعات المتكررة خلال فصل الصيف المقبل في عدد من "
                "المحافظات المحررة.",
                "وأوضح بيان صادر عن المجلس أن الموازنة تشمل شراء وقود لمحطات التوليد وصيانة "
                "الشبكة الرئيسية وإعادة تأهيل محطتين متوقفتين عن العمل منذ أكثر من عامين.",
                "وأكد رئيس الوزراء أن الحكومة ستتابع تنفيذ الموازنة بشكل أسبوعي وأنها لن تسمح "
                "بأي تلاعب في مخصصات الوقود المقدمة من الأشقاء.",
            ],
        },
    },
    "marquee_en": {
        "url": "https://adentimes.example/local/fishermen-return",
        "ticker": [
            ("Coast guard seizes boat carrying smuggled weapons off Mocha", None),
            ("Exchange rate: 1 USD = 2,050 YER in Aden", None),
            ("Hadhramaut.. Governor opens new fish market in Mukalla", None),
        ],
        "related": [],
        "article": {
            "title": "Fishermen return to sea after three-week storm ban",
            "date_raw": "Posted on 12 Nov 2025, 08:10",
            "source": None,
            "authors": ["Huda Qasem"],
            "paragraphs": [
                "Hundreds of fishermen in Aden and Abyan returned to sea on Wednesday after the "
                "authorities lifted a three-week ban imposed because of the tropical storm.",
                "The fishermen's union said the ban had cost families their only income, and "
                "asked the government for compensation for the boats damaged in the storm.",
                "Fish prices in the Aden markets fell by a third on the first day, traders "
                "said, as the catch reached the Sira market in the early morning.",
            ],
        },
    },
    "ul_ticker": {
        "url": "https://news.example.org/en/politics/envoy-muscat",
        "ticker": [
            ("Prisoner exchange talks resume in Muscat next week", None),
            ("Sanaa airport receives first humanitarian flight in a month", None),
            (
                "Presidential Leadership Council meets in Riyadh",
                "https://news.example.org/en/politics/presidential-council-meets",
            ),
        ],
        "related": [],
        "article": {
            "title": "UN envoy arrives in Muscat for talks on prisoners' exchange",
            # The shown date and the <meta> agree; the shown one is what readers saw.
            "date_raw": "May 20, 2025",
            "source": None,
            "authors": ["Ahmed Nasser", "Lina Saleh"],
            "paragraphs": [
                "The UN special envoy for Yemen arrived in the Omani capital on Tuesday for "
                "talks with the negotiators of both parties on a new prisoners' exchange.",
                "A spokesman for the envoy's office said the talks would focus on the lists of "
                "names submitted last month, which include journalists and politicians held "
                "for years.",
                "The last exchange, in April 2023, freed nearly 900 detainees in flights "
                "between Sanaa, Aden and Saudi Arabia organised by the Red Cross.",
            ],
        },
    },
    "bbc_like": {
        "url": f"{BBC}/world-middle-east-6801",
        "ticker": [],
        "related": [
            (
                "Who are the Houthis and why are they attacking ships?",
                f"{BBC}/world-middle-east-6790",
                None,
                None,
            ),
            (
                "Red Sea crisis: what it means for prices in the shops",
                f"{BBC}/business-6795",
                None,
                None,
            ),
        ],
        "article": {
            "title": "Yemen: Red Sea attacks push up shipping insurance",
            "date_raw": "2024-01-16T14:05:12.000Z",
            "source": None,
            "authors": ["Frank Gardner"],
            "canonical_url": f"{BBC}/world-middle-east-6801",
            "paragraphs": [
                "Insurers have tripled the war-risk premiums charged to ships crossing the Bab "
                "al-Mandab strait since the attacks began, industry sources say.",
                "Some of the world's largest shipping companies have diverted their vessels "
                "around the Cape of Good Hope, adding ten days to the voyage between Asia and "
                "Europe.",
                "Higher prices for consumers",
                "Economists warn that the extra costs will be passed on to consumers, at a "
                "time when central banks are trying to bring inflation down.",
            ],
        },
    },
    "jsonld": {
        "url": "https://gulfwire.example/economy/saudi-deposit",
        "ticker": [],
        "related": [
            (
                "Yemeni rial hits record low against the dollar",
                "https://gulfwire.example/economy/rial-record-low",
                None,
                "18 August 2025",
            ),
            (
                "IMF mission visits Aden for talks on reforms",
                "https://gulfwire.example/economy/imf-mission",
                None,
                "3 July 2025",
            ),
        ],
        "article": {
            "title": "Saudi Arabia deposits $500m in Yemen's central bank",
            "date_raw": "2025-09-02T07:45:00+03:00",
            "modified_raw": "2025-09-02T09:00:00+03:00",
            "section": "Economy",
            "source": None,
            "authors": ["Maha Al-Saqqaf"],
            "tags": ["Yemen", "Saudi Arabia", "central bank"],
            "image_url": "https://gulfwire.example/img/bank.jpg",
            "paragraphs": [
                "Saudi Arabia has deposited 500 million dollars in the central bank in Aden to "
                "support the rial, which lost a fifth of its value in the past three months.",
                "The governor of the central bank said the deposit would finance imports of "
                "food, medicine and fuel, and allow the bank to hold weekly currency auctions "
                "again.",
                "Traders in Aden said the rial gained ground within hours of the announcement, "
                "trading at 1,900 to the dollar in the evening.",
            ],
        },
    },
    "arabic_rtl": {
        "url": f"{YS_AR}/Files/6c1f0e52-mines",
        "ticker": [
            ("مقتل طفلين بانفجار لغم في مديرية حيس جنوبي الحديدة", f"{YS_AR}/Local/a1"),
            ("الحكومة ترحب بقرار مجلس الأمن بشأن اليمن", f"{YS_AR}/Local/a2"),
            ("السعودية تعلن عن منحة جديدة للمشتقات النفطية", f"{YS_AR}/Arab/a3"),
        ],
        "related": [
            (
                "الألغام في اليمن.. قاتل مختبئ يتربص بالمدنيين في كل مكان",
                f"{YS_AR}/Files/r1",
                "ملفات",
                "20 سبتمبر, 2024",
            ),
            ("مسام ينتزع 900 لغم في أسبوع واحد", f"{YS_AR}/Local/r2", "محلي", "18 سبتمبر, 2024"),
        ],
        "article": {
            "title": "تقرير: الألغام تحصد أرواح المدنيين في الحديدة",
            "date_raw": "21 سبتمبر, 2024 - 8:24 ص",
            "section": "ملفات",
            "source": None,
            # The desk credit naming the site itself is the byline such pages show.
            "authors": ["خاص: يمن شباب نت"],
            "language": "ar",
            "paragraphs": [
                "قتل وأصيب عشرات المدنيين خلال الأشهر الماضية جراء انفجار الألغام التي زرعتها "
                "الميليشيات في مناطق متفرقة من محافظة الحديدة غربي البلاد.",
                "وقال مسؤول في البرنامج الوطني لنزع الألغام إن الفرق الميدانية انتزعت أكثر من "
                "ألف لغم وعبوة ناسفة خلال شهر واحد فقط من مزارع المواطنين وطرقاتهم.",
                "وطالبت منظمات حقوقية المجتمع الدولي بالضغط على الميليشيات لتسليم خرائط الألغام "
                "التي زرعتها، حفاظا على أرواح المدنيين والأطفال.",
            ],
        },
    },
    "wp_arabic": {
        "url": f"{AM}312345",
        "ticker": [
            ("رئيس الوزراء يصل إلى المكلا في زيارة تفقدية", f"{AM}312350"),
            ("انطلاق امتحانات الشهادة الثانوية في المحافظات المحررة", f"{AM}312349"),
        ],
        "related": [
            ("الريال اليمني يتراجع إلى مستوى قياسي جديد أمام الدولار", f"{AM}311900", None, None),
            (
                "صندوق النقد الدولي يدعو إلى إصلاحات عاجلة في القطاع المصرفي",
                f"{AM}311500",
                None,
                None,
            ),
        ],
        "article": {
            "title": "البنك المركزي في عدن يطلق منصة إلكترونية لمزادات العملة",
            "date_raw": "2025-10-08T13:05:22+00:00",
            "section": "اقتصاد",
            "source": None,
            "authors": ["فارس الحميري"],
            "canonical_url": f"{AM}312345",
            "paragraphs": [
                "أطلق البنك المركزي اليمني في العاصمة المؤقتة عدن، اليوم الأربعاء، منصة "
                "إلكترونية جديدة لإدارة مزادات بيع العملة الأجنبية للبنوك التجارية والإسلامية.",
                "وقال البنك في بيان إن المنصة تهدف إلى تعزيز الشفافية في عمليات المزادات "
                "وتسريع تغطية طلبات المستوردين للسلع الأساسية.",
                "وأضاف البيان أن البنوك المشاركة ستتمكن من تقديم عروضها إلكترونيا ومتابعة "
                "نتائج المزادات بشكل فوري عبر المنصة.",
            ],
        },
    },
    "negative_portal": {
        "url": "https://capitalnews.example/en/budget-2026",
        "ticker": [],
        "related": [],
        "article": {
            "title": "Parliament approves the 2026 budget after long debate",
            "date_raw": "2026-01-05T18:20:00+03:00",
            "section": "Politics",
            "source": None,
            "authors": ["Omar Hassan"],
            "paragraphs": [
                "Parliament approved the 2026 general budget on Monday after a debate that "
                "lasted three sessions, with 120 members voting in favour and 35 against.",
                "The budget foresees a deficit of 18 percent of spending, to be financed by "
                "external grants and by the sale of treasury bills to local banks.",
                "Opposition members criticised the allocations for the military and asked for "
                "higher spending on health and education in the liberated provinces.",
            ],
        },
    },
    "latest_sidebar": {
        "url": "https://maribtoday.example/reports/dam-repairs",
        "ticker": [],
        "related": [],
        "article": {
            "title": "Marib: dam repairs completed before the rainy season",
            "date_raw": "2025-06-01T11:00:00+03:00",
            "section": "Reports",
            "source": None,
            "authors": [],
            "paragraphs": [
                "Engineers completed the repairs of the spillway of the Marib dam on Sunday, "
                "weeks before the start of the rainy season, the local authority said.",
                "The works, financed by a Kuwaiti grant, repaired cracks in the concrete and "
                "replaced the gates that control the flow of water to the farms downstream.",
                "Farmers said the repairs would allow them to plant a second crop of wheat and "
                "sorghum this year if the rains are as heavy as forecast.",
            ],
        },
    },
    "script_rendered": {
        # The text only in JSON-LD (with a trailing comma, as hand-written blocks have).
        "url": "https://redseapost.example/news/hodeidah-grain-ship",
        "ticker": [],
        "related": [],
        "article": {
            "title": "Hodeidah port receives first grain ship in two months",
            "date_raw": "2025-11-30T16:00:00+03:00",
            "source": None,
            "authors": ["Ali Zaid"],
            "paragraphs": [
                "A ship carrying 30,000 tonnes of wheat docked at Hodeidah port on Sunday, the "
                "first grain shipment to reach the port in two months.",
                "Port officials said the cargo would be unloaded within four days and "
                "distributed to mills in Sanaa and Hodeidah.",
                "Aid agencies had warned that flour stocks in the north would run out before "
                "the end of the year.",
            ],
        },
    },
    "teaser_row": {
        # Negative: a "latest" teaser row with pictures and a row of promoted links with
        # images above the h1 are not a ticker; "You may also like" to other sites is an ad.
        "url": "https://adennews.example/news/teachers-strike-ends",
        "ticker": [],
        "related": [],
        "article": {
            "title": "Teachers in Aden end strike after pay deal",
            "date_raw": "2026-02-03T12:00:00+03:00",
            "source": None,
            "authors": ["Reem Awad"],
            "paragraphs": [
                "Teachers in Aden returned to their classrooms on Tuesday after the unions "
                "signed a deal with the government that raises salaries by a third from next "
                "month.",
                "The strike, which lasted six weeks, had closed most public schools in the city "
                "and left more than 200,000 pupils without lessons.",
                "The unions said they would follow the payment of the first raised salaries "
                "closely, and resume the strike if the government failed to pay on time.",
            ],
        },
    },
    "cms_nested_heading": {
        # The heading is a dead link deep in its own title box; the list is in a sibling
        # column; a "خبر عاجل" menu item is a section link, not a ticker.
        "url": "https://alshahed.example/news/local/2210",
        "ticker": [],
        "related": [
            (
                "البنك المركزي يعلن سعر صرف جديد للريال",
                "https://alshahed.example/news/local/2201",
                None,
                "2026-01-28",
            ),
            (
                "طوابير أمام محطات الوقود في لحج وأبين",
                "https://alshahed.example/news/local/2188",
                None,
                "2026-01-20",
            ),
        ],
        "article": {
            "title": "انخفاض أسعار الوقود في عدن للمرة الثانية خلال شهر",
            "date_raw": "3 فبراير, 2026 - 10:05 ص",
            "section": "محليات",
            "source": "وكالة سبأ",
            "summary": None,
            "authors": [],
            "paragraphs": [
                "أعلنت شركة النفط اليمنية في عدن، اليوم الثلاثاء، تخفيض أسعار البنزين والديزل "
                "للمرة الثانية خلال شهر واحد، بعد تحسن سعر صرف الريال أمام العملات الأجنبية.",
                "وقالت الشركة في بيان إن سعر الصفيحة سعة عشرين لترا من البنزين أصبح أقل "
                "بثلاثة آلاف ريال عن السعر السابق، على أن يبدأ العمل بالتسعيرة الجديدة من "
                "صباح الغد.",
            ],
        },
    },
    "section_front": {
        "url": f"{YS}/Local",
        "ticker": [
            (
                "Government forces repel attack south of Marib city",
                f"{YS}/Local/n1",
            ),
            ("Cabinet discusses electricity crisis in Aden", f"{YS}/Local/n2"),
        ],
        "related": [],
        "article": None,
    },
}


def _page(name: str, url: str | None = None) -> Page:
    path = PAGES / f"{name}.html"
    return Page(url or CASES[name]["url"], path.read_bytes())


@pytest.mark.parametrize("name", sorted(CASES))
def test_ticker(name: str) -> None:
    got = [(e.title, e.url) for e in find_ticker(_page(name))]
    assert got == CASES[name]["ticker"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_related(name: str) -> None:
    got = [(e.title, e.url, e.section, e.date_raw) for e in find_related(_page(name))]
    assert got == CASES[name]["related"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_article(name: str) -> None:
    article = find_article(_page(name))
    expected = CASES[name]["article"]
    if expected is None:
        assert article is None
        return
    assert article is not None
    for field, value in expected.items():
        assert _value(article, field) == value, field


def _value(article: ArticleParts, field: str) -> object:
    """A field of the parts; for the date, the statement a record would use."""
    if field != "date_raw":
        return getattr(article, field)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    chosen, _ = choose_published(article.dates, SiteContext("test"), now, article.language, [])
    return chosen.raw if chosen else None


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_holds_no_ticker_or_related(name: str) -> None:
    """Whatever the page, no ticker headline or related title leaks into the body."""
    page = _page(name)
    article = find_article(page)
    body = "\n".join(article.paragraphs) if article else ""
    for entry in [*find_ticker(page), *find_related(page)]:
        assert entry.title not in body


# --- decoding --------------------------------------------------------------------------------

ARABIC = "أخبار ذات صلة: الحكومة تقر موازنة طارئة لقطاع الكهرباء"


def test_legacy_page_bytes_are_windows_1256_by_meta_only() -> None:
    raw = (PAGES / "legacy_cp1256.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "الحكومة تقر موازنة طارئة لقطاع الكهرباء" in decode_html(raw)
    assert "الحكومة تقر" in decode_html(raw, "text/html")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # The HTTP header wins over a wrong <meta>.
        (f'<meta charset="utf-8"><p>{ARABIC}</p>'.encode("cp1256"), "text/html; charset=cp1256"),
        (f"<p>{ARABIC}</p>".encode("cp1256"), "text/html; charset=windows-1256"),
        # http-equiv form, no header.
        (
            f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<p>{ARABIC}</p>".encode("cp1256"),
            None,
        ),
        # BOM beats everything.
        (codecs.BOM_UTF8 + f'<meta charset="windows-1256"><p>{ARABIC}</p>'.encode(), None),
        # A stale legacy <meta> on a page that is really UTF-8.
        (f'<meta charset="windows-1256"><p>{ARABIC}</p>'.encode(), None),
        # Nothing declared: detection.
        (f"<html><body><p>{ARABIC} {ARABIC}</p></body></html>".encode("cp1256"), None),
        (f"<p>{ARABIC}</p>".encode(), "text/html"),
    ],
)
def test_decode_html(body: bytes, content_type: str | None) -> None:
    assert ARABIC in decode_html(body, content_type)


def test_answers_are_copies() -> None:
    """Answers are kept by the page: what a caller changes must not leak into the next call."""
    page = _page("seed_like")
    find_ticker(page)[0].title = "changed"
    find_related(page)[0].title = "changed"
    assert find_ticker(page)[0].title.startswith("Weapons chaos")
    assert find_related(page)[0].title.startswith("The last hours")


def test_page_tree_is_left_as_found() -> None:
    """find_article marks nodes for trafilatura; the page's tree must come back unchanged."""
    page = _page("wp_jnews")
    before = page.sel.get()
    find_article(page)
    assert page.sel.get() == before


def test_base_href_resolves_links() -> None:
    urls = [e.url for e in find_ticker(_page("ul_ticker", "https://elsewhere.example/x"))]
    assert urls[-1] == "https://news.example.org/en/politics/presidential-council-meets"


def test_an_unclosed_h1_does_not_swallow_the_page() -> None:
    """``<h1>`` left open: the parsed tree puts the date line and the body inside it."""
    body = "<p>" + "The council met on Monday to discuss the budget for next year. " * 8 + "</p>"
    html = (
        "<html><head><title>Council approves budget | Example News</title></head><body>"
        f'<h1>Council approves budget<div class="date">11 December 2024</div>{body}'
        "</body></html>"
    )
    article = find_article(Page("https://news.example.org/2024/budget", html))
    assert article is not None
    assert article.title == "Council approves budget"
