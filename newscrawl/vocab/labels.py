"""Labels that say what a box of links on a news page is, in the languages news sites use.

One vocabulary for the generic detectors (:mod:`newscrawl.extract.generic.ticker` and
:mod:`newscrawl.extract.generic.related`): a heading "Related news", "Lesen Sie auch",
"أخبار ذات صلة" or "関連記事" says its links are related to the article; "Most read",
"Latest", "الأكثر قراءة" say they are not; "Breaking", "Eilmeldung", "عاجل" or "速報" label
a breaking-news bar. The visible label is the strongest evidence a page gives: class and id
names (:mod:`newscrawl.vocab.classes`) only corroborate it.

Labels are compared by :func:`label_key`: case, Arabic letter variants (hamza seats, alef
maqsura, teh marbuta, tatweel, harakat), whitespace and the decoration around a label
(``:``, ``»``, ``■``, ``【】``, arrows) do not count. A :class:`Vocabulary` maps keys to a
kind; a few labels also match with a topic after them ("Mehr zum Thema Gaza", "Mehr zu
Iran").

No site's name belongs here: only words a reader of the language would read as the label.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "NOT_RELATED",
    "NOT_TICKER",
    "READ_ALSO_WEAK",
    "RELATED",
    "RELATED_STRONG",
    "SPONSORED_LABELS",
    "TICKER",
    "TICKER_STRONG",
    "TICKER_WEAK",
    "Vocabulary",
    "label_key",
]

# Arabic and Persian letter variants that pages mix freely, folded to one form; tatweel and
# harakat (tanween in "أيضاً") dropped.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ة": "ه",
        "ـ": None,
        **{chr(c): None for c in range(0x064B, 0x0653)},
        "\u0670": None,
        "\u0307": None,  # the dot Turkish "İ" leaves after casefolding ("İlgili")
    }
)
# What decorates a label without being part of it: punctuation, arrows, bullets, brackets.
_EDGE = " \t\u00a0:：.…,;»«|/\\-–—>›‹<→←↓▶►▸▼▲•·*■□◆◇●○★☆【】[]()「」『』#\"'“”„‚‘’+!¡¿?"
MAX_LABEL_CHARS = 60  # a label is a few words; longer text is prose or a headline
_MAX_RAW_CHARS = 2 * MAX_LABEL_CHARS  # before whitespace is collapsed
_MAX_TOPIC_WORDS = 5  # "Mehr zum Thema Krieg in der Ukraine"


def label_key(text: str | None) -> str:
    """The form labels are compared in: ``"  Lesen Sie auch: "`` -> ``"lesen sie auch"``."""
    if not text or len(text) > _MAX_RAW_CHARS:
        return ""
    if text.isascii():  # most of a page's texts: no letter variants to fold (fast path)
        return " ".join(text.lower().split()).strip(_EDGE)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return " ".join(text.split()).strip(_EDGE)


class Vocabulary:
    """Labels of some kinds: exact keys, and prefixes a topic may follow."""

    def __init__(self, exact: dict[str, str], prefixes: tuple[tuple[str, str], ...] = ()) -> None:
        self.exact = exact
        self.prefixes = prefixes
        self._starts = tuple(prefix for prefix, _ in prefixes)

    def kind(self, key: str) -> str | None:
        """The kind of a label key (from :func:`label_key`), or None when it is no label."""
        if not key or len(key) > MAX_LABEL_CHARS:
            return None
        found = self.exact.get(key)
        if found is not None or not key.startswith(self._starts):
            return found
        for prefix, kind in self.prefixes:
            if key.startswith(prefix):
                rest = key[len(prefix) :]
                # A topic after a word boundary: "mehr zu iran", "mehr zum thema: gaza".
                topic = rest.lstrip(_EDGE)
                if rest[:1] in _EDGE and topic and len(topic.split()) <= _MAX_TOPIC_WORDS:
                    return kind
        return None

    def of(self, text: str | None) -> str | None:
        return self.kind(label_key(text))


def _keys(labels: str) -> list[str]:
    """One label per line (blank lines and ``#`` comments ignored), as keys."""
    lines = (line.split("  #")[0] for line in labels.splitlines())
    return [label_key(line) for line in lines if line.strip() and not line.startswith("#")]


def _table(**kinds: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for kind, labels in kinds.items():
        for key in _keys(labels):
            table.setdefault(key, kind)
    return table


# --- related news -------------------------------------------------------------------------

# Headings that say the links under them are related to this article.
RELATED_STRONG = """
related
related news
related article
related articles
related stories
related story
related posts
related post
related content
related coverage
related reading
related links
related items
related reports
read also
also read
also read this
see also
more on this story
more on this topic
more on this
more about this story
more about this topic
further reading
in related news
verwandte artikel
verwandte nachrichten
verwandte beiträge
ähnliche artikel
ähnliche
ähnliche beiträge
ähnliche nachrichten
ähnliche meldungen
ähnliche themen und artikel
mehr zum thema
zum thema
zum selben thema
zu diesem thema
passend zum artikel
passend zum thema
lesen sie auch
lesen sie dazu
lesen sie dazu auch
lesen sie hier
lest auch
siehe auch
auch interessant
das könnte sie zu diesem thema interessieren
à lire aussi
a lire aussi
lire aussi
à lire également
lire également
sur le même sujet
sur le même thème
sur le meme sujet
dans le même dossier
articles liés
articles similaires
articles en relation
voir aussi
à voir aussi
la rédaction vous conseille
noticias relacionadas
noticia relacionada
artículos relacionados
artículo relacionado
lee también
lea también
leer también
más información
para saber más
relacionado
relacionados
relacionadas
contenido relacionado
leia também
leia mais sobre
notícias relacionadas
notícia relacionada
matérias relacionadas
artigos relacionados
veja também
leggi anche
articoli correlati
articolo correlato
notizie correlate
leggi pure
potrebbe interessarti anche sullo stesso tema
lees ook
gerelateerde artikelen
gerelateerd nieuws
gerelateerde berichten
meer over dit onderwerp
les også
les mer om saken
relaterte artikler
relaterte saker
læs også
relaterede artikler
relaterede nyheder
läs också
läs även
relaterade artiklar
relaterat
lue myös
aiheesta lisää
czytaj też
czytaj także
czytaj również
zobacz też
zobacz także
przeczytaj też
przeczytaj także
powiązane
powiązane artykuły
čtěte také
čtěte též
související články
související
súvisiace články
čítajte aj
taip pat skaitykite
susiję straipsniai
lasiet arī
loe ka
kapcsolódó cikkek
kapcsolódó
citește și
citeste si
articole similare
articole asemănătoare
прочитајте још
прочитајте и
pročitajte još
pročitajte i
vezane vijesti
povezane vijesti
povezano
διαβάστε επίσης
διαβάστε ακόμα
σχετικά άρθρα
σχετικές ειδήσεις
ilgili haberler
ilgili haber
benzer haberler
bunu da okuyun
bunları da okuyun
ayrıca okuyun
читайте также
читайте тоже
по теме
ещё по теме
еще по теме
связанные новости
похожие новости
связанные материалы
смотрите также
читайте також
по темі
схожі новини
пов'язані новини
أخبار ذات صلة
اخبار ذات صلة
مواضيع ذات صلة
مقالات ذات صلة
تقارير ذات صلة
مواد ذات صلة
روابط ذات صلة
ذات صلة
أخبار متعلقة
مواضيع متعلقة
مقالات متعلقة
أخبار مرتبطة
أخبار مشابهة
مواضيع مشابهة
اقرأ أيضا
اقرأ ايضا
اقرأ كذلك
إقرأ أيضا
اقرا ايضا
طالع أيضا
شاهد أيضا
إقرأ أيضًا
مطالب مرتبط
اخبار مرتبط
مطالب مشابه
بیشتر بخوانید
بخوانید
כתבות נוספות בנושא
כתבות קשורות
עוד בנושא
קראו עוד בנושא
क्या आप ये भी पढ़ें
यह भी पढ़ें
ये भी पढ़ें
संबंधित खबरें
baca juga
berita terkait
artikel terkait
baca pula
soma pia
habari zinazohusiana
habari zaidi
tin liên quan
bài liên quan
xem thêm
ข่าวที่เกี่ยวข้อง
เรื่องที่เกี่ยวข้อง
บทความที่เกี่ยวข้อง
อ่านเพิ่มเติม
հղումներ թեմայով
関連記事
関連ニュース
関連リンク
あわせて読みたい
併せて読みたい
この記事を読んだ人におすすめ
관련기사
관련 기사
관련뉴스
관련 뉴스
이 기사와 관련된 기사
함께 읽으면 좋은 기사
相关新闻
相关内容
相关文章
相关阅读
相关报道
延伸阅读
相關新聞
相關內容
相關文章
相關閱讀
相關報導
延伸閱讀
"""

# Labels that also title generic lists ("Read more" over the site's latest stories): they
# only count for a box inside the article's text, where they mean "read also".
READ_ALSO_WEAK = """
read more
leer más
lea más
leia mais
lees meer
czytaj więcej
przeczytaj więcej
weitere informationen
lesen sie mehr
mehr lesen
lire la suite
lire plus
saiba mais
اقرأ المزيد
إقرأ المزيد
للمزيد
"""

# Labels a topic may follow: "Mehr zum Thema Gaza", "Mehr zu Iran".
_RELATED_PREFIXES = (
    "mehr zum thema",
    "mehr zu",
    "more on this",
    "sur le même sujet",
    "plus sur le même sujet",
    "более по теме",
    "ещё по теме",
    "المزيد حول",
)

# Headings of lists that are not related to the article: most read, latest, trending,
# recommendations, sections, sponsored widgets. A list under such a heading is never
# related news, and such a heading ends the related list before it.
NOT_RELATED_LABELS = """
most read
most viewed
most popular
most shared
most commented
most watched
most read stories
most read articles
popular
popular now
popular articles
popular stories
trending
trending now
trending stories
trending topics
trending news
latest
latest news
latest stories
latest articles
latest posts
recent posts
recent stories
recent articles
top stories
top news
top picks
editor's picks
editors' picks
editors picks
our picks
recommended
recommended for you
recommended stories
you may also like
you might also like
you may like
you might like
don't miss
do not miss
more stories
more news
more from
read next
what to read next
up next
sponsored
sponsored content
sponsored stories
promoted
promoted stories
partner content
from around the web
around the web
from the web
from our partners
from around the site
advertisement
comments
tags
topics
continue reading
learn more
all articles
more news
weiterlesen
mehr erfahren
mehr ähnliche nachrichten
alle artikel zum thema
alle artikel
lire la suite de l'article
seguir leyendo
continua a leggere
اقرأ التفاصيل
related topics
related tags
meistgelesen
meistgelesene artikel
meistgeklickt
häufig gelesen
headlines
meistgesehen
meistkommentiert
am beliebtesten
beliebt
neueste artikel
neueste meldungen
neueste
neu
aktuell
aktuelles
aktuelle nachrichten
schlagzeilen
top-themen
top themen
weitere themen
weitere artikel
weitere beiträge
weitere nachrichten
mehr nachrichten
empfehlungen
unsere empfehlungen
die redaktion empfiehlt
das könnte sie auch interessieren
das könnte dich auch interessieren
auch lesenswert
anzeige
les plus lus
les plus populaires
à la une
à découvrir
à découvrir également
dernières actualités
dernières infos
les dernières infos
lo más leído
lo más visto
más leídas
más leídos
últimas noticias
te puede interesar
también te puede interesar
recomendado
recomendados
mais lidas
mais lidos
últimas
più letti
più popolari
ultime notizie
potrebbe interessarti
meest gelezen
meest recent
laatste nieuws
mest lest
mest läst
mest sett
senaste nytt
siste nytt
mest læst
seneste nyt
najczęściej czytane
najnowsze
polecane
najpopularniejsze
nejčtenější
nejnovější
mohlo by vás zajímat
naujausi
skaitomiausi
en çok okunanlar
en çok okunan
son haberler
bunlar da ilginizi çekebilir
gündem
самое читаемое
самое популярное
популярное
последние новости
главное
новости партнеров
الأكثر قراءة
الاكثر قراءة
الأكثر مشاهدة
الاكثر مشاهدة
الأكثر تداولا
الأكثر تعليقا
الأكثر شيوعا
آخر الأخبار
اخر الاخبار
أحدث الأخبار
الأحدث
الأكثر
اخترنا لكم
قد يهمك
قد يعجبك أيضا
قد يعجبك
زوارنا يقرأون الآن
محتوى مدفوع
پربازدیدترین
آخرین اخبار
הנקראים ביותר
אולי יעניין אותך
アクセスランキング
ランキング
人気記事
最新ニュース
新着ニュース
おすすめ
編集部オススメ
注目記事
인기뉴스
많이 본 뉴스
최신뉴스
추천 기사
最多人阅读
热门新闻
热门文章
最新新闻
推荐阅读
熱門新聞
最新消息
terpopuler
terbaru
berita terkini
"""

_NOT_RELATED_PREFIXES = (
    "most read story about",
    "أكثر خبر قراءة حول",
    "more from",
    "more in",
    "most read in",
    "most popular in",
    "latest from",
    "latest in",
    "mehr aus",
    "mehr von",
    "weitere artikel aus",
    "aus dem ressort",
    "meistgelesen in",
    "plus de",
    "más de",
    "más artículos de",
    "lo más leído en",
    "altro da",
    "meer van",
    "mer fra",
    "mer från",
    "więcej z",
    "более из",
    "المزيد من",
    "الأكثر قراءة في",
    "الأكثر قراءة من",
)


def _related_vocabulary() -> Vocabulary:
    """Kinds "related", "weak" (only inside the article's text) and "not_related"."""
    exact = _table(not_related=NOT_RELATED_LABELS, related=RELATED_STRONG, weak=READ_ALSO_WEAK)
    prefixes = tuple((label_key(p), "related") for p in _RELATED_PREFIXES)
    prefixes += tuple((label_key(p), "not_related") for p in _NOT_RELATED_PREFIXES)
    # Longest prefix first: "mehr zum thema" before "mehr zu".
    ordered = tuple(sorted(prefixes, key=lambda item: -len(item[0])))
    return Vocabulary(exact, ordered)


RELATED = _related_vocabulary()
NOT_RELATED = "not_related"


# --- breaking-news ticker -----------------------------------------------------------------

# Labels of a breaking-news bar, wherever it stands on the page.
TICKER_STRONG = """
breaking
breaking news
breaking now
urgent
just in
news flash
newsflash
news alert
live updates
eilmeldung
eilmeldungen
eil
dernière minute
dernières minutes
flash info
flash infos
alerte info
última hora
ultima hora
urgente
ultim'ora
ultimora
ultime notizie flash
breaking nieuws
siste nytt nå
just nu
pilne
son dakika
flaş
flaş haber
срочно
срочные новости
молния
терміново
عاجل
عاجل جدا
أخبار عاجلة
الأخبار العاجلة
خبر عاجل
عاجل الآن
فوري
خبر فوری
فوری
מבזקים
מבזק
速報
ニュース速報
快讯
快訊
突发
突發
即时新闻
속보
긴급
breaking news terkini
habari mpya
"""

# Labels that also title sidebars ("Latest"): they only count above the article's headline.
TICKER_WEAK = """
latest
latest news
the latest
flash
alert
berita terkini
news ticker
newsticker
ticker
live
top news now
aktuell
neueste meldungen
les dernières infos
dernières infos
en direct
últimas noticias
ultime notizie
son haberler
последние новости
آخر الأخبار
اخر الاخبار
أحدث الأخبار
الأحدث
آخر الأنباء
最新
最新ニュース
最新消息
최신뉴스
"""

# Labels of strips that look like a ticker but are not one: topics, trends, markets.
NOT_TICKER_LABELS = """
trending
trending now
trending topics
trending stories
in the news
hot topics
topics
tags
most read
most popular
popular
top stories
aktuelle themen
themen
es noticia
hoy hablamos de
temas
à la une
sujets
gündem
trend
الأكثر قراءة
الأكثر مشاهدة
الأكثر تداولا
الوسوم
مواضيع ساخنة
注目ワード
话题
热门
markets
weather
"""


def _ticker_vocabulary() -> Vocabulary:
    """Kinds "strong" (anywhere above the headline), "weak" and "not_ticker"."""
    exact = _table(not_ticker=NOT_TICKER_LABELS, strong=TICKER_STRONG, weak=TICKER_WEAK)
    return Vocabulary(exact)


TICKER = _ticker_vocabulary()
NOT_TICKER = "not_ticker"


# --- paid content -------------------------------------------------------------------------

# Badges of a paid teaser or widget: an entry carrying one is advertising, not news.
SPONSORED = """
sponsored
sponsored content
sponsored by
advertorial
advertisement
paid content
paid post
promoted
partner content
in partnership with
anzeige
werbung
gesponsert
publicidad
contenido patrocinado
patrocinado
publicité
contenu sponsorisé
sponsorisé
pubblicità
contenuto sponsorizzato
gesponsord
annonce
annons
materiał promocyjny
materiał partnera
reklama
sponzorováno
reklám
sponsorlu
реклама
إعلان
اعلان
محتوى مدعوم
محتوى ممول
広告
スポンサー
광고
广告
推广
廣告
"""
SPONSORED_LABELS = Vocabulary(_table(sponsored=SPONSORED))
