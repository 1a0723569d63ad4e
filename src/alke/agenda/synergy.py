"""Synergy across regions: which proposals of other regions are about the same thing, and which groups of them
could be discussed together.

The method works offline on Finnish and Swedish text:

1. Words are lower-cased, stop words dropped and each word stemmed with the Snowball stemmer of the text's
   language (Finnish inflection: "osaajapulaan", "osaajapulasta" → one stem).
2. Character n-grams of the stemmed words catch compounds and derivations that share parts
   ("tuulivoima", "merituulivoimala", "tuulivoimarakentaminen").
3. A bilingual thesaurus of regional development vocabulary (`alke/agenda/thesaurus.py`) maps Finnish
   and Swedish word parts to shared concepts, so "arbetskraft" meets "työvoima" and "kuitu" meets "bredband".

Each view is a TF-IDF matrix (idf squared, so words common to many proposals count little); they are
L2-normalised, weighted and joined, so the cosine of the joined vectors is a weighted mean of the three cosines.
That is blended with a second-order similarity: two proposals whose strongest links go to the same other
proposals are probably about the same thing even when they share few words themselves. Neighbours are the most similar proposals from *other* regions; groups
come from average-linkage clustering cut at a fixed similarity and keep only groups spanning two or more
regions. An embedding model could be added as a fourth view behind `similarity_matrix` without changing callers.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from os.path import commonprefix
from typing import TYPE_CHECKING

import Stemmer

from alke.agenda.thesaurus import default_thesaurus
from alke.core.domain import DomainError

# NumPy, SciPy and scikit-learn are imported inside the functions that use them, so django.setup() stays light.
if TYPE_CHECKING:
    import numpy as np

# Weights of the three views; tuned on the development split of tests/agenda/data/synergy_labelled.json only.
WORD_WEIGHT = 1.0
CHAR_WEIGHT = 1.0
CONCEPT_WEIGHT = 1.2
TITLE_REPEAT = 2
CHAR_NGRAMS = (4, 4)
# Rare words say more about the topic than common ones; idf is raised to this power (1 = plain TF-IDF) in
# every view.
IDF_POWER = 2.0
# Share of second-order similarity (how alike two proposals' nearest-neighbour profiles are) in the final score,
# and how many nearest neighbours make up a profile.
SECOND_ORDER_WEIGHT = 0.3
SECOND_ORDER_NEIGHBOURS = 10
# How many nearest others make up a proposal's local similarity level in the hub correction (CSLS uses 10).
HUB_NEIGHBOURS = 10
# Average-linkage cut: proposals whose mean similarity to a group is below this stay out of it.
GROUP_MIN_SIMILARITY = 0.16
KEYWORDS_PER_GROUP = 5
CONCEPTS_PER_GROUP = 3
WORDS_PER_NEIGHBOUR = 3
# A word used by more than this share of all items is too common to tell a topic (in keywords and reasons).
MAX_WORD_SHARE = 0.2

TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and the generic vocabulary of proposals ("we ask the state to ..."); they say nothing of the topic.
STOP_FI = _word_set(
    """
    ja tai sekä että jotta kun kuin jos mutta vaan myös vain jo nyt ei eivät en et emme ette on ovat oli olivat
    olla ollut ole olisi olisivat se ne sen niiden sitä niitä siitä niistä siihen niihin sillä niillä tämä nämä
    tämän näiden tätä näitä tässä näissä tähän näihin tällä näillä tuo nuo joka jotka jonka joiden jota joita
    jossa joissa johon joihin jolla joilla joka mikä mitkä minkä mitä missä mihin millä kuka ketkä hän he me te
    minä sinä meidän teidän heidän meille teille heille meitä sekä myös kuten esim esimerkiksi noin yli alle
    vielä enää aina usein paljon vähän hyvin liian eri uusi uudet uusia uusien suuri suuret suurin lisää
    lisäksi kaikki kaikkien jokainen muut muiden muita muualla muualle osa osana ilman kanssa mukaan välillä
    välinen väliset kautta vuoksi takia tulee tulisi tarvitaan tarvitsee tarvitsevat tarve pyydämme pyydetään
    esitämme esitetään ehdotamme ehdotetaan edellyttää edellyttävät vaatii vaativat valtio valtion valtiolta
    valtiota valtiolle maakunta maakunnan maakunnassa maakuntaan alue alueen alueella alueelle alueilla
    alueiden seutu seudun seudulla seudulle tuki tukea tuen tukemista tukeminen rahoitus rahoitusta
    rahoituksen rahoitukseen kehittäminen kehittämistä kehittämisen tärkeä tärkeää tärkeitä välttämätön
    välttämättömiä välttämätöntä keskeinen merkittävästi merkittävä jatkossa tällä hetkellä nykyisin
    mahdollisuus mahdollisuuksia mahdollistaa myös hankkeet hanke hankkeen hankkeita toimia toimet toimenpiteitä
    kuitenkin jatkossakin edelleen lähes erityisesti etenkin nykyään yhä entistä entisestään vuosittain
    myöhemmin pian siten näin jolloin koska vaikka mikäli voisi voida voidaan voi pitää tehdä tehdään saada
    saadaan käyttöön hyödyntää hyödyntämään määrä määrän määrää osan osin tukee rahoittaa rahoitetaan pysyvää
    pysyvä pysyvästi edellytyksenä edellytykset edellytyksiä mahdollista mahdollisimman riittävä riittävästi
    nopeasti selvittää selvitetään huomioon otetaan koko kaikille toimintaa toiminta käyttö vuoden vuonna
    vuosi vuosien vuodessa samalla sitä siksi jopa ainoa ainoastaan muun muassa tavoitteena tavoite
    esitys ehdotus ehdotamme toivomme haluamme halutaan tarvitsemme pyytää vahvistaa vahvistetaan lisätä
    lisätään parantaa parannetaan varmistaa varmistetaan turvata turvataan edistää edistetään
    """
)
STOP_SV = _word_set(
    """
    och eller samt att som när än om men utan även också bara redan nu inte ej är var vara varit blir bli
    blev har hade ha den det de dem denna detta dessa deras dess sin sitt sina vi ni han hon man vår vårt
    våra er ert era en ett i på av för till från med vid under över efter före mot genom hos om så då där
    här hur vad vilken vilket vilka som sig kan kunna ska skall skulle måste bör borde behöver behövs
    mycket många mer mest fler flera alla allt andra annan annat nya ny nytt stor stora större största
    staten statens staten regionen regionens region landskapet området områdets stöd stöda stödja stöder
    finansiering finansiera utveckling utveckla utvecklingen viktig viktigt viktiga föreslår ber vill
    kräver krävs även redan också hela inom utanför mellan enligt
    dock därför särskilt fortsatt idag möjligt möjlighet möjligheter möjligheten behovet behov kommer göra
    får fått kunde samtidigt dessutom både flera sådana sådan genom säkra säkerställa stärka öka förbättra
    främja önskar hoppas föreslå förslag syfte syftet mål målet år året åren varje olika
    """
)
STOP = {"fi": STOP_FI, "sv": STOP_SV}
STEMMERS = {"fi": Stemmer.Stemmer("finnish"), "sv": Stemmer.Stemmer("swedish")}
# Names of regions, their parts and their main towns say where a proposal comes from, not what it is about;
# neighbours must come from other regions anyway, so they are left out (compared as stems: every case form).
PLACES = _word_set(
    """
    suomi suomen etelä pohjois itä länsi keski varsinais uusimaa uudenmaan satakunta satakunnan kanta häme
    hämeen pirkanmaa pirkanmaan päijät kymenlaakso kymenlaakson karjala karjalan savo savon pohjanmaa
    pohjanmaan kainuu kainuun lappi lapin ahvenanmaa helsinki helsingin turku turun tampere tampereen oulu
    oulun kuopio kuopion joensuu joensuun vaasa vaasan kokkola kokkolan lahti lahden pori porin kotka kotkan
    kouvola kouvolan kajaani kajaanin rovaniemi rovaniemen seinäjoki seinäjoen mikkeli mikkelin jyväskylä
    jyväskylän lappeenranta lappeenrannan hämeenlinna hämeenlinnan rauma rauman raahe raahen salo salon
    finland finlands nyland nylands egentliga österbotten österbottens mellersta karleby karlebys vasa åbo
    åboland helsingfors jakobstad tammerfors uleåborg lappland lapplands
    """
)
PLACE_STEMS = {lang: {stemmer.stemWord(w) for w in PLACES} for lang, stemmer in STEMMERS.items()}
SV_MARKERS = {"och", "att", "för", "som", "med", "av", "till", "det", "är", "vi", "en", "ett", "på", "inte"}
FI_MARKERS = {"ja", "on", "että", "ovat", "sekä", "tai", "myös", "kanssa", "ei", "jotta", "ole"}


class SynergyInputError(DomainError):
    """The input to the synergy analysis is malformed; the message names the problem."""


LANGUAGES = ("fi", "sv", "en")
# How two concept labels are joined into a group title ("Vesihuolto ja vesistöjen tila").
_AND = {"fi": "ja", "sv": "och", "en": "and"}


def _language(lang: str) -> str:
    lang = (lang or "").lower()[:2]
    return lang if lang in LANGUAGES else "fi"


@dataclass(frozen=True)
class Item:
    id: str
    region: str
    title: str
    text: str
    lang: str = ""
    original_id: str | int | None = None  # the id as given (an integer stays an integer in the output)


@dataclass(frozen=True)
class Reason:
    """Why items match: the thesaurus concepts they share (most telling first) and the words they share."""

    concepts: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    def labels(self, lang: str) -> list[str]:
        thesaurus = default_thesaurus()
        return [thesaurus.label(key, _language(lang)) for key in self.concepts]

    def as_json(self, lang: str) -> dict:
        return {"concepts": list(self.concepts), "labels": self.labels(lang), "words": list(self.words)}


@dataclass
class Group:
    items: list[str]
    regions: list[str]
    keywords: list[str]  # words that tell the topic, shared ones first (as in earlier versions)
    cohesion: float
    # Shared concepts with how many of the group's items carry each, most telling first.
    concepts: list[tuple[str, int]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # a readable title per language (fi, sv, en)
    shared_words: list[str] = field(default_factory=list)  # the keywords two or more of the items use

    def title(self, lang: str) -> str:
        return self.titles.get(_language(lang)) or ", ".join(self.keywords[:3])

    def reason(self) -> Reason:
        return Reason(tuple(key for key, _count in self.concepts), tuple(self.shared_words))


@dataclass
class Analysis:
    neighbours: dict[str, list[tuple[str, float]]]
    groups: list[Group] = field(default_factory=list)
    original_ids: dict[str, str | int] = field(default_factory=dict)
    profile: Profile | None = None  # what was read from the items, to say why two of them match
    index: dict[str, int] = field(default_factory=dict)  # item id → its position in the profile
    _reasons: dict[tuple[str, str], Reason] = field(default_factory=dict, repr=False)

    def reason(self, iid: str, other: str) -> Reason:
        """Why `other` is like `iid`: the concepts and words both carry, rarest in the whole set first.

        Worked out on first request (a page shows the reasons of a few neighbours, the JSON output all).
        """
        key = (iid, other)
        if key not in self._reasons:
            if self.profile is None or iid not in self.index or other not in self.index:
                return Reason()
            self._reasons[key] = _pair_reason(self.profile, self.index[iid], self.index[other])
        return self._reasons[key]

    def as_json(self, lang: str = "fi") -> dict:
        """The `alke similar` output; object keys are strings (JSON), ids inside keep their given type.

        Labels and titles are in `lang` (fi, sv or en); concept keys and words do not depend on it.
        """
        lang = _language(lang)

        def given(iid: str) -> str | int:
            return self.original_ids.get(iid, iid)

        return {
            "lang": lang,
            "neighbours": {
                iid: [
                    {
                        "id": given(other),
                        "score": round(score, 4),
                        "shared": self.reason(iid, other).as_json(lang),
                    }
                    for other, score in nbs
                ]
                for iid, nbs in self.neighbours.items()
            },
            "groups": [
                {
                    "items": [given(i) for i in g.items],
                    "regions": g.regions,
                    "keywords": g.keywords,
                    "title": g.title(lang),
                    "shared": {**g.reason().as_json(lang), "counts": [count for _key, count in g.concepts]},
                }
                for g in self.groups
            ],
        }


def detect_language(text: str) -> str:
    """'sv' or 'fi' by function words (and å), for items whose language is missing or unknown."""
    words = TOKEN_RE.findall(text.lower())
    sv = sum(w in SV_MARKERS for w in words) + 2 * text.lower().count("å")
    fi = sum(w in FI_MARKERS for w in words)
    return "sv" if sv > fi else "fi"


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    return STEMMERS[lang].stemWord(word)


def _tokens(text: str, lang: str) -> list[tuple[str, str, bool]]:
    """(stem, surface word, is a part of a hyphenated compound) for each content word of `text`."""
    stop, places = STOP[lang], PLACE_STEMS[lang]
    tokens = []
    for raw in TOKEN_RE.findall(text.lower()):
        parts = raw.split("-") if "-" in raw else []
        if parts and all(_stem(part, lang) in places for part in parts):
            continue  # "Etelä-Pohjanmaan", "Itä-Suomen"
        for word in [raw, *parts]:
            if len(word) < 3 or word in stop:
                continue
            stem = _stem(word, lang)
            if stem in places:
                continue
            tokens.append((stem, word, word is not raw))
    return tokens


def analyse_tokens(text: str, lang: str) -> tuple[list[str], list[str]]:
    """(stems, surface words) of the content words of `text`; hyphenated compounds also give their parts."""
    tokens = _tokens(text, lang)
    return [stem for stem, _w, _p in tokens], [word for _s, word, _p in tokens]


def parse_items(data: object) -> list[Item]:
    """Validate the `alke similar` input shape and return the items, or raise SynergyInputError."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise SynergyInputError('the input must be a JSON object with a list "items"')
    items, seen = [], set()
    for index, raw in enumerate(data["items"]):
        if not isinstance(raw, dict):
            raise SynergyInputError(f"item {index} is not an object")
        for key in ("id", "region", "title", "text"):
            if key not in raw:
                raise SynergyInputError(f'item {index} has no "{key}"')
            if key in ("id", "region") and not isinstance(raw[key], (str, int)):
                raise SynergyInputError(f'item {index}: "{key}" must be a string')
            if key in ("title", "text") and not isinstance(raw[key], str):
                raise SynergyInputError(f'item {index}: "{key}" must be a string')
        iid = str(raw["id"])
        if iid in seen:
            raise SynergyInputError(f'item {index}: the id "{iid}" is used twice')
        seen.add(iid)
        lang = raw.get("lang") or ""
        if not isinstance(lang, str):
            raise SynergyInputError(f'item {index}: "lang" must be a string')
        lang = lang.lower()[:2]
        if lang not in STEMMERS:
            lang = detect_language(f"{raw['title']} {raw['text']}")
        items.append(Item(iid, str(raw["region"]), raw["title"], raw["text"], lang, raw["id"]))
    return items


@dataclass
class Profile:
    """What the analysis read from each item: stems, the surface words of each stem, and concepts."""

    stems: list[list[str]]
    concepts: list[list[str]]
    # per item: stem → its whole-word forms (not the parts of hyphenated compounds)
    forms: list[dict[str, dict[str, int]]]

    def form(self, i: int, stem: str) -> str | None:
        """Item i's commonest whole-word form of a stem (the shortest among equally common ones)."""
        return _commonest(self.forms[i].get(stem))

    @cached_property
    def stem_sets(self) -> list[frozenset[str]]:
        return [frozenset(doc) for doc in self.stems]

    @cached_property
    def concept_sets(self) -> list[frozenset[str]]:
        return [frozenset(doc) for doc in self.concepts]

    @cached_property
    def stem_df(self) -> Counter:
        df: Counter = Counter()
        for doc in self.stem_sets:
            df.update(doc)
        return df

    @cached_property
    def concept_df(self) -> Counter:
        df: Counter = Counter()
        for doc in self.concept_sets:
            df.update(doc)
        return df


def read_items(items: list[Item]) -> Profile:
    thesaurus = default_thesaurus()
    profile = Profile([], [], [])
    for item in items:
        text = " ".join([item.title] * TITLE_REPEAT + [item.text])
        tokens = _tokens(text, item.lang)
        profile.stems.append([stem for stem, _word, _part in tokens])
        forms: dict[str, dict[str, int]] = {}
        for stem, word, part in tokens:
            if not part:  # "vapaa" and "ajan" of "vapaa-ajan" never stand for a stem in keywords
                counts = forms.setdefault(stem, {})
                counts[word] = counts.get(word, 0) + 1
        profile.forms.append(forms)
        profile.concepts.append([c for _stem, word, _part in tokens for c in thesaurus.concepts_of(word)])
    return profile


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _char_view(words_matrix, stems):
    """TF-IDF of the character n-grams of each proposal's distinct stems (None when no n-gram is shared),
    with idf raised to IDF_POWER as in the other views, so n-grams of boilerplate every proposal repeats
    ("Kehittämistarve:", "Esitys valtiolle:") hardly count.

    The n-grams are counted once per distinct stem of the vocabulary and summed per proposal through the
    proposal × stem incidence matrix, which is much faster than cutting every proposal's text again.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    grams = CountVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, dtype=np.float32)
    try:
        per_stem = grams.fit_transform(stems)
    except ValueError:  # no stem long enough to give an n-gram
        return None
    incidence = (words_matrix > 0).astype(np.float32)
    counts = (incidence @ per_stem).tocsc()
    df = np.diff(counts.indptr)
    keep = np.flatnonzero(df >= 2)  # an n-gram in one proposal only cannot link two proposals
    if keep.size == 0:
        return None
    counts = counts[:, keep].tocsr()
    n = counts.shape[0]
    idf = (np.log((1 + n) / (1 + df[keep])) + 1).astype(np.float32)
    return counts @ sparse.diags(idf**IDF_POWER)


def _tfidf(docs: list[list[str]]):
    """TF-IDF of pre-analysed token lists with idf raised to IDF_POWER, and the fitted vectoriser."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
    matrix = vectorizer.fit_transform(docs)
    if IDF_POWER != 1:
        matrix = matrix @ sparse.diags((vectorizer.idf_ ** (IDF_POWER - 1)).astype(np.float32))
    return matrix.tocsr(), vectorizer


def _second_order(sims: np.ndarray) -> np.ndarray:
    """Blend in how alike two proposals' nearest-neighbour profiles are.

    Two proposals on one topic in different words may share little vocabulary with each other but much with
    the same third proposals; comparing the profiles (each row's strongest links, normalised) catches that.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    n = len(sims)
    k = min(SECOND_ORDER_NEIGHBOURS, n - 1)
    if SECOND_ORDER_WEIGHT <= 0 or k < 1:
        return sims
    links = sims.copy()
    np.fill_diagonal(links, 0.0)
    strongest = np.argpartition(-links, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    profile = sparse.csr_matrix((links[rows, strongest.ravel()], (rows, strongest.ravel())), shape=(n, n))
    profile = normalize(profile)
    blended = (1 - SECOND_ORDER_WEIGHT) * sims + SECOND_ORDER_WEIGHT * (profile @ profile.T).toarray()
    np.fill_diagonal(blended, 1.0)
    return blended


def similarity_matrix(items: list[Item], profile: Profile | None = None) -> np.ndarray:
    """Pairwise similarity of the items (n × n)."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    profile = profile or read_items(items)
    if not any(profile.stems):
        # Not one content word in any proposal: nothing links any two of them.
        return np.zeros((len(items), len(items)))
    views = []
    words_matrix, word_vec = _tfidf(profile.stems)
    views.append((WORD_WEIGHT, words_matrix))
    char_matrix = _char_view(words_matrix, word_vec.get_feature_names_out())
    if char_matrix is not None:
        views.append((CHAR_WEIGHT, char_matrix))
    if any(profile.concepts):
        views.append((CONCEPT_WEIGHT, _tfidf(profile.concepts)[0]))
    total = sum(weight for weight, _ in views)
    # Scaling each normalised view by sqrt(weight) makes one product give the weighted mean of the cosines.
    joined = sparse.hstack(
        [
            normalize(matrix).astype(np.float32) * np.float32(np.sqrt(weight / total))
            for weight, matrix in views
        ],
        format="csr",
    )
    sims = (joined @ joined.T).toarray().astype(np.float64)
    return _second_order(sims)


def _without_hubs(sims: np.ndarray) -> np.ndarray:
    """Correct for hubs: proposals that are fairly like everything (broad, boilerplate-heavy texts) would
    otherwise be everybody's neighbour.

    Each pair loses half of the two proposals' mean similarity to their HUB_NEIGHBOURS nearest others and
    gets back the average of that, so the scale stays as it was (cross-domain similarity local scaling,
    CSLS: 2·cos(x, y) − r(x) − r(y), halved and shifted). For one proposal's ranking of the others this
    is its similarity minus half of each other's own r.
    """
    import numpy as np

    n = len(sims)
    k = min(HUB_NEIGHBOURS, n - 1)
    if k < 1:
        return sims
    others = sims.copy()
    np.fill_diagonal(others, -np.inf)
    local = np.maximum(np.partition(others, n - k, axis=1)[:, n - k :].mean(axis=1), 0.0)
    corrected = sims - (local[:, None] + local[None, :]) / 2 + local.mean()
    np.fill_diagonal(corrected, 1.0)
    return corrected


def _neighbours(items: list[Item], sims: np.ndarray, top: int) -> dict[str, list[tuple[str, float]]]:
    import numpy as np

    codes = {code: k for k, code in enumerate(sorted({item.region for item in items}))}
    regions = np.array([codes[item.region] for item in items])
    masked = np.where(regions[:, None] == regions[None, :], -np.inf, sims)  # other regions only, never itself
    k = min(top, len(items) - 1)
    if k <= 0:
        return {item.id: [] for item in items}
    best = np.argpartition(-masked, k - 1, axis=1)[:, :k] if k < len(items) else np.argsort(-masked, axis=1)
    result = {}
    for i, item in enumerate(items):
        row = best[i]
        row = row[np.lexsort((row, -masked[i, row]))]
        result[item.id] = [(items[j].id, float(masked[i, j])) for j in row if np.isfinite(masked[i, j])]
    return result


def _near_duplicate(word: str, chosen: list[str]) -> bool:
    """Inflected or compound variants of a chosen keyword ("raja", "rajan", "raja-alueen", "itärajan") add
    nothing."""
    for other in chosen:
        shared = len(commonprefix([word, other]))
        if shared >= min(5, len(word), len(other)):
            return True
        shorter, longer = sorted((word, other), key=len)
        if len(shorter) >= 4 and shorter[: max(4, len(shorter) - 1)] in longer:
            return True  # one is part of the other's compound
    return False


def _idf(df: int, n: int) -> float:
    return math.log((1 + n) / (1 + df)) + 1


def _commonest(forms: dict[str, int] | None) -> str | None:
    if not forms:
        return None
    if len(forms) == 1:
        return next(iter(forms))
    best = max(forms.values())
    return min((w for w, count in forms.items() if count == best), key=lambda w: (len(w), w))


def _readable(stem: str, members: list[int], profile: Profile) -> str | None:
    """The members' commonest whole-word form of a stem (the shortest among equally common ones)."""
    forms: dict[str, int] = {}
    for i in members:
        for word, count in profile.forms[i].get(stem, {}).items():
            forms[word] = forms.get(word, 0) + count
    return _commonest(forms)


def _telling_words(
    members: list[int], profile: Profile, df: Counter, n: int, limit: int
) -> list[tuple[str, bool]]:
    """Up to `limit` words that tell what the members are about, each with whether two or more members use it:
    shared words first, rare elsewhere first (share × idf), then the members' own rarest words as filler.

    Words are the members' commonest whole-word forms, never stems; a stem used by more than MAX_WORD_SHARE
    of all items says nothing of one topic; parts of hyphenated compounds count only when they also stand as
    whole words ("vapaa" of "vapaa-ajan" does not).
    """
    counts: Counter = Counter()
    for i in members:
        counts.update(profile.stem_sets[i])
    scored = []
    for stem, inside in counts.items():
        if n >= 10 and df[stem] > MAX_WORD_SHARE * n:
            continue
        shared = inside >= 2 or len(members) == 1
        scored.append((not shared, -(inside / len(members)) * _idf(df[stem], n), stem))
    scored.sort()
    words: list[tuple[str, bool]] = []
    for unshared, _score, stem in scored:
        word = _readable(stem, members, profile)
        if word is None or len(word) < 4 or _near_duplicate(word, [w for w, _shared in words]):
            continue
        words.append((word, not unshared))
        if len(words) == limit:
            break
    return words


def _shared_concepts(members: list[int], profile: Profile, df: Counter, n: int) -> list[tuple[str, int]]:
    """Concepts carried by at least two members (and half of them), most telling first: share × idf."""
    counts: Counter = Counter()
    for i in members:
        counts.update(profile.concept_sets[i])
    needed = max(2, math.ceil(len(members) / 2)) if len(members) > 1 else 1
    scored = [
        (-(inside / len(members)) * _idf(df[key], n), key, inside)
        for key, inside in counts.items()
        if inside >= needed
    ]
    scored.sort()
    return [(key, inside) for _score, key, inside in scored[:CONCEPTS_PER_GROUP]]


def _join_labels(labels: list[str], lang: str) -> str:
    """One or two concept labels as a title: "Vesihuolto ja vesistöjen tila", "Maatalous, ruoka ja
    ruoantuotanto"; a label that already joins two things stands alone rather than make "A ja B ja C"."""
    conjunction = f" {_AND[lang]} "
    first, *rest = labels
    text = first
    if rest and conjunction not in first:
        second = rest[0]
        text = f"{first}, {second}" if conjunction in second else f"{first}{conjunction}{second}"
    return text[:1].upper() + text[1:]


def _titles(members: list[int], items: list[Item], sims: np.ndarray, concepts: list[tuple[str, int]]) -> dict:
    """A title per language: the labels of the one or two most telling shared concepts, else the title of the
    most central item (in the reader's language when the group has one)."""
    thesaurus = default_thesaurus()
    titles = {}
    if concepts:
        for lang in LANGUAGES:
            titles[lang] = _join_labels([thesaurus.label(key, lang) for key, _count in concepts[:2]], lang)
        return titles
    block = sims[members][:, members]
    centrality = block.sum(axis=1)
    ranked = [members[k] for k in sorted(range(len(members)), key=lambda k: (-centrality[k], members[k]))]
    for lang in LANGUAGES:
        lead = next((i for i in ranked if items[i].lang == lang), ranked[0])
        titles[lang] = items[lead].title.strip()
    return titles


def _groups(items: list[Item], sims: np.ndarray, profile: Profile) -> list[Group]:
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(items)
    if n < 2:
        return []
    distance = 1.0 - sims
    np.maximum(distance, 0.0, out=distance)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - GROUP_MIN_SIMILARITY, criterion="distance")
    members: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[label].append(index)
    stem_df, concept_df = profile.stem_df, profile.concept_df
    groups = []
    for indices in members.values():
        regions = sorted({items[i].region for i in indices})
        if len(indices) < 2 or len(regions) < 2:
            continue
        block = sims[np.ix_(indices, indices)]
        cohesion = float((block.sum() - np.trace(block)) / (len(indices) * (len(indices) - 1)))
        concepts = _shared_concepts(indices, profile, concept_df, n)
        words = _telling_words(indices, profile, stem_df, n, KEYWORDS_PER_GROUP)
        groups.append(
            Group(
                items=[items[i].id for i in indices],
                regions=regions,
                keywords=[word for word, _shared in words],
                cohesion=cohesion,
                concepts=concepts,
                titles=_titles(indices, items, sims, concepts),
                shared_words=[word for word, shared in words if shared],
            )
        )
    groups.sort(key=lambda g: (-len(g.regions), -g.cohesion, g.items[0]))
    return groups


def _pair_reason(profile: Profile, i: int, j: int) -> Reason:
    n = len(profile.stems)
    stem_df, concept_df = profile.stem_df, profile.concept_df
    common = MAX_WORD_SHARE * n if n >= 10 else n
    concepts = sorted(profile.concept_sets[i] & profile.concept_sets[j], key=lambda c: (concept_df[c], c))
    shared = [stem for stem in profile.stem_sets[i] & profile.stem_sets[j] if stem_df[stem] <= common]
    words: list[str] = []
    for stem in sorted(shared, key=lambda s: (stem_df[s], s)):
        word = profile.form(i, stem) or profile.form(j, stem)  # as the item itself writes it
        if word is None or len(word) < 4 or _near_duplicate(word, words):
            continue
        words.append(word)
        if len(words) == WORDS_PER_NEIGHBOUR:
            break
    return Reason(tuple(concepts[:CONCEPTS_PER_GROUP]), tuple(words))


def analyse(items: list[Item], top: int = 3) -> Analysis:
    """Neighbours from other regions (best first, `top` each) and non-overlapping cross-region groups, each
    with the reasons the items match."""
    if top < 1:
        raise SynergyInputError("--top must be at least 1")
    if not items:
        return Analysis(neighbours={}, groups=[])
    profile = read_items(items)
    sims = _without_hubs(similarity_matrix(items, profile))
    return Analysis(
        neighbours=_neighbours(items, sims, top),
        groups=_groups(items, sims, profile),
        original_ids={item.id: item.original_id for item in items if item.original_id is not None},
        profile=profile,
        index={item.id: k for k, item in enumerate(items)},
    )
