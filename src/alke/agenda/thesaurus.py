"""A small bilingual thesaurus of regional development vocabulary for the synergy analysis.

Each concept lists Finnish and Swedish word parts. A word carries a concept when it starts with one of the
parts (inflected forms and compounds whose first part it is: "työvoiman", "työvoimapula") or, for parts of
five letters or more, contains it after its own first three letters (second parts of compounds:
"merituulivoima", "sähkönsiirtoyhteys", "havsvindkraft"). This bridges Finnish and Swedish and
synonyms within one language ("osaaja", "työvoima", "rekrytointi"), which neither stems nor character
n-grams can do. The list is general vocabulary of the field, written from the policy frame (sectors of
regional development in the 2017 memo, the regional development decision, the themes), not from any test set.
"""

from __future__ import annotations

from functools import lru_cache

CONCEPTS: dict[str, str] = {
    # people, skills and work
    "labour": "työvoima työvoiman työntekijä työntekijöi osaaja osaajien osaajapula rekrytoi rekrytoin "
    "rekrytointi työperäi työlupa työluvi oleskelulupa kohtaanto ammattitai henkilöstöpula "
    "arbetskraft arbetstagar arbetstillstånd uppehållstillstånd rekryter kompetensbrist personal "
    "yrkeskunnig talang",
    "employment": "työllisyy työllisty työttömy työtön työttömi työpaik irtisano lomautu uudelleentyöll "
    "sysselsättning arbetslös arbetsplats jobb uppsägning permitter",
    "adult_education": "aikuiskoulutu muuntokoulutu täydennyskoulutu oppisopimu uudelleenkoulutu "
    "jatkuva oppiminen jatkuvan vuxenutbildning omskolning läroavtal fortbildning",
    "vocational": "ammatillinen ammatillise ammattiopisto yrkesutbildning yrkesskol",
    "higher_education": "korkeakoulu yliopisto ammattikorkeakoulu kampus aloituspaik tutkintokoulutu "
    "yliopistokeskus opiskelija högskol universitet universitetscent yrkeshögskol studieplats "
    "campus studerande",
    "basic_education": "peruskoulu perusopetu koulujen kouluihin kouluissa oppilai oppilaitok "
    "opinto-ohjau varhaiskasvatu grundskol elever småbarnspedagog",
    "migration": "maahanmuutt kotoutu kotoutta invandr integrer",
    "international": "kansainväli ulkomai internationell utländsk utlandet",
    "youth": "nuori nuoret nuorten nuorill nuoria nuoriso syrjäyty koulupudo neet-nuor ohjaamo unga "
    "ungdom ungas ungdomsarbete utanförskap",
    "mental_health": "mielenterve ahdistu pahoinvoin yksinäisyy terapia psyki "
    "psykisk välmående ångest ensamhet",
    "wellbeing": "hyvinvoint hyvinvointialue terveys terveyd sosiaali sote välfärd hälsa social",
    "ageing": "ikääntyn ikäänty vanhus vanhuspalvelu huoltosuhde åldrande äldre äldreomsorg",
    "population": "väestö väestön väki muuttoliik muuttotappio asukka syntyvyy befolkning invånare "
    "flyttning inflyttning utflyttning",
    # business and industry
    "industry": "teollisuu tehdas tehtaa valmistava industri fabrik tillverkning",
    "structural_change": "rakennemuuto rakennemuutosalue äkillinen lakkautu lakkautta "
    "äkillisen strukturomvandling nedläggning nedlagd",
    "maritime": "meriteollisuu telak laivanrakennu meriteknolog varv sjöfart marin",
    "battery": "akku akkumateriaal akkumetall akkumineraal akkukem kenno batteri battericell",
    "hydrogen": "vety vedyn vetytalo vetyput vetypelk vätgas",
    "mining": "kaivos kaivok malmi mineraal gruv malm mineral",
    "green_transition": "vihreä siirtymä vihreän siirtymän fossiiliton päästövähenny hiilineutraal "
    "ilmasto grön omställning fossilfri utsläpp klimat",
    "investment": "investoin investointituk investering",
    "permits": "luvitu lupaproses lupakäsittely ympäristölup lupaviranomai tillstånd tillståndsproces "
    "miljötillstånd",
    "land_use": "kaavoitu kaava maankäyt planläggning markanvändning detaljplan",
    "entrepreneurship": "yritys yrityks yrittäj pk-yrity startup företag entreprenör",
    "exports": "vienti viennin vientiteollisuu kansainvälisty export",
    "rdi": "tki tutkimus tutkimu t&k innovaatio innovaatioekosys kehitysympärist testiymp "
    "tutkimusinfra forskning innovation testbädd fou",
    "digital": "digitaali digitalisaatio tekoäly ohjelmisto peliala data digital artificiell",
    "bioeconomy": "biotalous metsä puun puunjalostu puutuote puurakentami puukerrostalo puutalo "
    "saha clt skog trä träbygg sågverk bioekonomi",
    "circular": "kiertotalou kierrätys kierrätyk sivuvirta sivuvirro uusiokäyt uudelleenkäyt "
    "jätteid jätteen jätehuol purkujäte materiaalitor tuottajavastuu cirkulär återvinn restprodukt sidoström avfall",
    "biogas": "biokaasu lanta lannan kierrätyslannoit biogas gödsel",
    "agriculture": "maatalou maatila viljelijä ruoantuotanto elintarvike jordbruk lantbruk livsmedel",
    "fisheries": "kalastu kalakan kalatie fiske fisk",
    "tourism": "matkailu matkailij turismi turisti majoitu vierailij turism turist besöksnäring",
    "culture": "kulttuuri taide taitei museo teatter musiikki festivaali luova luovien kirjasto "
    "kultur konst teater museum musik kreativ bibliotek",
    "sami": "saamelai saame sami samisk",
    # energy
    "energy": "energia sähkö sähkön energi elektricitet",
    "wind": "tuulivoima tuulisähkö tuulipuisto tuulipuist merituuli vindkraft havsvind",
    "solar": "aurinkosähkö aurinkovoima solkraft solenergi",
    "grid": "kantaverk sähköverk sähkönsiirto siirtoyhteys sähköasema liittymisjono verkkoinvestoin "
    "fingrid stamnät elnät elöverföring elnätsanslutning",
    "defence_radar": "puolustusvoim tutka tutkavaikutu puolustusministeri försvarsmakt radar",
    # transport and connections
    "rail": "rata radan raide raite raideliiken juna junayhtey ratayhtey oikorata ratakapasitee "
    "kaksoisraide tasoristey henkilöjuna lähijuna yöjuna asemanseutu bana banan tåg järnväg spår "
    "mötesspår bangård",
    "air": "lento lentoasema lentokenttä lentokentä lentoliiken lentoyhtey lentovuoro reittiliiken "
    "reittilento kiitotie charter finavia flyg flygplats flygförbindel flygtrafik",
    "road": "tieverk tiestö maantie valtatie yksityistie väylä korjausvel vägnät landsväg väg",
    "ports": "satama satamien hamn hamnar",
    "public_transport": "joukkoliiken ostoliiken kollektivtrafik upphandlad trafik",
    "ferries": "yhteysalus lautta förbindelsebåt färja skärgårdstrafik",
    "accessibility": "saavutettavuu matka-aika kommunikation tillgänglighet restid",
    "broadband": "laajakaista laajakaistatu kuitu kuidu valokuitu kuituverk kuituosuuskunt tietoliiken "
    "mobiiliverk mobiiliyhtey katvealue 5g-verkko verkkoyhtey bredband fiber fiberansl mobiltäckning",
    "remote_work": "etätyö etäpalvelu etäopiskelu etäopetu monipaikkai distansarbete distans",
    "rural": "maaseutu maaseudu haja-asutus harvaan asutu kylä kylien landsbygd glesbygd byar byn",
    # environment
    "water": "vesistö vesiensuojelu vesienhoi vedenlaatu rehevöity ravinne ravintei ravinnekuorm fosfori "
    "kiintoaine huleve jäteve kosteik valuma-alue vattenskydd övergödning näringsläckage "
    "vattendrag kustvatten avloppsvatten",
    "sea": "itämeri itämeren saaristomeri saaristomeren suomenlahti selkämeri perämeri rannikko "
    "merialue östersjön skärgård skärgården kvarken kust havsområde",
    "nature": "luonto luonnon kansallispuisto luonnonsuojelu monimuotoisuu natur nationalpark "
    "biologisk mångfald",
    # security and borders
    "border": "itäraja itärajan raja-alue rajanylitys rajaliiken rajakauppa rajavartio venäjä venäläi "
    "gräns gränsöver ryss ryssland",
    "security": "turvallisuu huoltovarmuu varautumi säkerhet försörjningsberedskap beredskap",
    # health and social services
    "health_care": "terveydenhuol terveyskesk terveyspalvelu perusterveydenhuol erikoissairaanhoi sairaala "
    "päivystys päivystyk lääkäri lääkäre hoitaja hoitajie sairaanhoitaj hoitohenkilö "
    "hoitojono etävastaanot vastaanot hyvinvointialue läkare sjukskötare sjukvård vården vårdpersonal "
    "patient hälsocentral jour sjukhus",
    "social_care": "vanhuspalvelu kotihoi hoivakot omaishoi lastensuojelu sosiaalipalvelu sosiaalityö "
    "äldreomsorg hemvård barnskydd",
    "swedish_services": "ruotsinkieli kaksikieli svenskspråkig tvåspråkig modersmål",
    # food and land
    "food": "ruoka ruoan ruokaketju elintarvik elintarvikejalostu maatila maatilo maatalou karjatalou "
    "maito maidon viljelijä viljely kasvihuone sukupolvenvaihdo aloitustu livsmedel lantbruk gård "
    "gårdar odling odlare växthus mjölk jordbruk",
    "reindeer": "poronhoi poro poroelinkeino paliskunt renskötsel",
    "peat": "turve turpeen turvetuotanto turveyrittäj torv torvproduktion",
    "fisheries_water": "kalatalou kalastaj ammattikalast vesiviljely kalankasvatu fiskodling yrkesfisk",
    # housing and communities
    "housing_market": "asuntotuotanto asuntomarkkin vuokra-asun vuokrataloyhti vuokra vuokrat asuntokanta "
    "purkuavustu korjausrakentami kiinteistö kohtuuhintai mal-sopimu "
    "hyresbostad hyror bostadsproduktion bostadsmarknad fastighet",
    "urban": "kaupunkikehittämi kaupunkiseutu keskusta-alue kasvukeskus kaupunkipolitiikka stadsutveckling "
    "stadsregion",
    "services_network": "palveluverkko kouluverk kyläkoulu lähipalvelu servicenät närservice byskola",
    # integration of immigrants
    "integration_services": "kotoutumiskoulutu kotoutumispalvelu kotoutumisohjel kielikoulutu "
    "kielenopetu kieliopetu asettautumi vastaanottopalvelu puolisoiden puolisot monikieli maahanmuuttaja "
    "integration integrationsarbete språkundervisning språkutbildning inflyttade nyinflyttade",
    # defence
    "defence": "puolustusvoim puolustu varuskunta varuskunna prikaati harjoitusalue varusmie "
    "reserviläi asevelvolli nato naton sotilaa försvarsmakt försvar garnison brigad beväring övningsområde",
    # roads in more detail
    "road_maintenance": "soratie yksityistie alempiasteinen kelirikko painorajoitu päällyste tienpito "
    "väylänpido perusväylänpi silta sillat siltoj maantie maanteiden enskilda vägar grusväg tjällossning "
    "bro broar vägunderhåll basunderhåll beläggning",
    "logistics": "logistiikka kuljetu rahtiliiken tavaraliiken huoltovarmuuskuljetu "
    "logistik godstrafik transporter virkestransport",
    "shipping": "merenkulku talvimerenkulku jäänmurt meriliiken laivaliiken lauttaliiken sjöfart "
    "vintersjöfart isbrytning färjetrafik",
    # EU and regional funding
    "eu_funds": "rakennerahasto aluekehitysrahasto eakr esr+ jtf leader "
    "maaseutuohjelma cap-suunnitelma interreg strukturfond utvecklingsfonden landsbygdsprogram",
    "energy_prices": "energiakustannu energianhin sähkönhin energikostnad elpris",
    "climate_adaptation": "sopeutumi ilmastoriski tulvariski tulva tulvie kuivuu översvämning "
    "klimatanpassning torka",
    "water_supply": "vesihuolto vesihuollo vedenhanki jätevedenpuhdist vattenförsörjning avlopp",
    "sports_leisure": "liikunta urheilu liikuntapaik harrastu idrott motion fritid",
    # local government
    "municipal": "kunta kunnat kuntien kunnissa kuntatalou valtionosuu kommun kommuner statsandel",
    "housing": "asuminen asumi asunto asuntotuotanto boende bostad bostäder",
}

_EXACT: dict[str, set[str]] = {}
_PREFIX_LENGTHS: set[int] = set()
for _concept, _words in CONCEPTS.items():
    for _word in _words.split():
        _EXACT.setdefault(_word, set()).add(_concept)
        _PREFIX_LENGTHS.add(len(_word))
_LENGTHS = sorted(_PREFIX_LENGTHS)
_INNER_LENGTHS = [n for n in _LENGTHS if n >= 5]


@lru_cache(maxsize=200_000)
def concepts_of(word: str) -> tuple[str, ...]:
    """The concepts a lower-case word carries (empty when none)."""
    found: set[str] = set()
    size = len(word)
    for n in _LENGTHS:
        if n > size:
            break
        found |= _EXACT.get(word[:n], set())
    for start in range(3, size - 4):
        for n in _INNER_LENGTHS:
            if start + n > size:
                break
            found |= _EXACT.get(word[start : start + n], set())
    return tuple(sorted(found))
