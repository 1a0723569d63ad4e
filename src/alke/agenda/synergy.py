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
from functools import lru_cache
from os.path import commonprefix
from typing import TYPE_CHECKING

import Stemmer

from alke.agenda.thesaurus import concepts_of
from alke.core.domain import DomainError

if TYPE_CHECKING:  # the numerical libraries load when an analysis runs, not with the app (start-up time)
    import numpy as np
    from scipy import sparse

# Weights of the three views; tuned on the development split of tests/agenda/data/synergy_labelled.json only.
WORD_WEIGHT = 1.0
CHAR_WEIGHT = 1.0
CONCEPT_WEIGHT = 1.2
TITLE_REPEAT = 2
CHAR_NGRAMS = (4, 4)
# Rare words say more about the topic than common ones; idf is raised to this power (1 = plain TF-IDF).
IDF_POWER = 2.0
# Share of second-order similarity (how alike two proposals' nearest-neighbour profiles are) in the final score,
# and how many nearest neighbours make up a profile.
SECOND_ORDER_WEIGHT = 0.3
SECOND_ORDER_NEIGHBOURS = 10
# Average-linkage cut: proposals whose mean similarity to a group is below this stay out of it.
GROUP_MIN_SIMILARITY = 0.16
KEYWORDS_PER_GROUP = 5

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


@dataclass(frozen=True)
class Item:
    id: str
    region: str
    title: str
    text: str
    lang: str = ""
    original_id: str | int | None = None  # the id as given (an integer stays an integer in the output)


@dataclass
class Group:
    items: list[str]
    regions: list[str]
    keywords: list[str]
    cohesion: float


@dataclass
class Analysis:
    neighbours: dict[str, list[tuple[str, float]]]
    groups: list[Group] = field(default_factory=list)
    original_ids: dict[str, str | int] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The `alke similar` output; object keys are strings (JSON), ids inside keep their given type."""

        def given(iid: str) -> str | int:
            return self.original_ids.get(iid, iid)

        return {
            "neighbours": {
                iid: [{"id": given(other), "score": round(score, 4)} for other, score in nbs]
                for iid, nbs in self.neighbours.items()
            },
            "groups": [
                {"items": [given(i) for i in g.items], "regions": g.regions, "keywords": g.keywords}
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


def analyse_tokens(text: str, lang: str) -> tuple[list[str], list[str]]:
    """(stems, surface words) of the content words of `text`; hyphenated compounds also give their parts."""
    stop, places = STOP[lang], PLACE_STEMS[lang]
    stems, surfaces = [], []
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
            stems.append(stem)
            surfaces.append(word)
    return stems, surfaces


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


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _char_view(words_matrix, stems) -> sparse.csr_matrix | None:
    """TF-IDF of the character n-grams of each proposal's distinct stems (None when no n-gram is shared).

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
    return counts @ sparse.diags(idf)


def _tfidf(docs: list[list[str]]) -> sparse.csr_matrix:
    """TF-IDF of pre-analysed token lists with idf raised to IDF_POWER."""
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


def similarity_matrix(items: list[Item]) -> tuple[np.ndarray, list[list[str]], dict[str, Counter]]:
    """Pairwise cosine similarity of the items (n × n), with each item's stems and the stem → surface words map."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    stem_docs: list[list[str]] = []
    concept_docs: list[list[str]] = []
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        text = " ".join([item.title] * TITLE_REPEAT + [item.text])
        stems, words = analyse_tokens(text, item.lang)
        stem_docs.append(stems)
        for stem, word in zip(stems, words, strict=True):
            surfaces[stem][word] += 1
        concept_docs.append([c for word in words for c in concepts_of(word)])
    if not any(stem_docs):
        # Not one content word in any proposal: nothing links any two of them.
        return np.zeros((len(items), len(items))), stem_docs, surfaces
    views = []
    words_matrix, word_vec = _tfidf(stem_docs)
    views.append((WORD_WEIGHT, words_matrix))
    char_matrix = _char_view(words_matrix, word_vec.get_feature_names_out())
    if char_matrix is not None:
        views.append((CHAR_WEIGHT, char_matrix))
    if any(concept_docs):
        views.append((CONCEPT_WEIGHT, _tfidf(concept_docs)[0]))
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
    return _second_order(sims), stem_docs, surfaces


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


def _keywords(
    members: list[int], stem_docs: list[list[str]], surfaces: dict[str, Counter], df: Counter, n: int
) -> list[str]:
    """Stems shared by the group's proposals and rare elsewhere (idf-weighted share), as their commonest word."""
    counts: Counter = Counter()
    for i in members:
        counts.update(set(stem_docs[i]))
    total = len(stem_docs)
    scored = []
    for stem, inside in counts.items():
        idf = math.log((1 + total) / (1 + df[stem])) + 1
        shared = inside >= 2 or len(members) == 1
        scored.append((not shared, -(inside / len(members)) * idf, stem))
    scored.sort()
    words: list[str] = []
    for _unshared, _score, stem in scored:
        forms = surfaces[stem].most_common()
        best = max(count for _w, count in forms)
        word = min((w for w, count in forms if count == best), key=len)
        if len(word) < 4 or _near_duplicate(word, words):
            continue
        words.append(word)
        if len(words) == n:
            break
    return words


def _groups(items: list[Item], sims: np.ndarray, stem_docs, surfaces) -> list[Group]:
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
    df: Counter = Counter()
    for doc in stem_docs:
        df.update(set(doc))
    groups = []
    for indices in members.values():
        regions = sorted({items[i].region for i in indices})
        if len(indices) < 2 or len(regions) < 2:
            continue
        block = sims[np.ix_(indices, indices)]
        cohesion = float((block.sum() - np.trace(block)) / (len(indices) * (len(indices) - 1)))
        groups.append(
            Group(
                items=[items[i].id for i in indices],
                regions=regions,
                keywords=_keywords(indices, stem_docs, surfaces, df, KEYWORDS_PER_GROUP),
                cohesion=cohesion,
            )
        )
    groups.sort(key=lambda g: (-len(g.regions), -g.cohesion, g.items[0]))
    return groups


def analyse(items: list[Item], top: int = 3) -> Analysis:
    """Neighbours from other regions (best first, `top` each) and non-overlapping cross-region groups."""
    if top < 1:
        raise SynergyInputError("--top must be at least 1")
    if not items:
        return Analysis(neighbours={}, groups=[])
    sims, stem_docs, surfaces = similarity_matrix(items)
    return Analysis(
        neighbours=_neighbours(items, sims, top),
        groups=_groups(items, sims, stem_docs, surfaces),
        original_ids={item.id: item.original_id for item in items if item.original_id is not None},
    )
