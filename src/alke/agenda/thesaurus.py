"""A bilingual thesaurus of regional development vocabulary for the synergy analysis.

Each concept lists Finnish and Swedish word parts. A word carries a concept when it starts with one of the
parts (inflected forms and compounds whose first part it is: "työvoiman", "työvoimapula") or, for parts of
five letters or more, contains it after its own first three letters (second parts of compounds:
"merituulivoima", "sähkönsiirtoyhteys", "havsvindkraft"). This bridges Finnish and Swedish and
synonyms within one language ("osaaja", "työvoima", "rekrytointi"), which neither stems nor character
n-grams can do.

The list is general vocabulary of the field, written from the policy frame, not from any test set: the
priorities of the regional development decision, the sectors of all twelve ministries, the services of
municipalities and wellbeing counties, and the usual asks of the regions. Stems allow for consonant
gradation ("palokun" for palokunta/palokunnan). Words every proposal uses ("kunta", "investointi",
"yritys") carry no concept, since they say nothing of the topic; short parts that would fire inside
unrelated words are avoided ("kust" would catch "kustannus", "konst" "konstruktion", "gårdar" "bangårdar").
"""

from __future__ import annotations

from functools import lru_cache

CONCEPTS: dict[str, str] = {
    # ---- people, skills and work (TEM, OKM) ----
    "labour": "työvoima työvoiman työntekijä työntekijöi osaaja osaajien osaajapula rekrytoi rekrytoin "
    "rekrytointi työperäi työlupa työluvi oleskelulupa kohtaanto ammattitai henkilöstöpula työvoimatarp "
    "osaajatarp osaamistarp rekrytointivaikeu työnantaj talent osaajapalvelu arbetskraft arbetstagar "
    "arbetstillstånd uppehållstillstånd rekryter kompetensbrist kompetensförsörj personal yrkeskunnig "
    "talang arbetsgivar kausityö säsongsarbet osaamisvaje työikäi yrkesfolk anställ",
    "employment": "työllisyy työllisty työttömy työtön työttömi työpaik irtisano lomautu uudelleentyöll "
    "te-palvelu te-toimisto työnhak työvoimapalvelu työkokeilu palkkatu palkkatue työmarkkin "
    "pitkäaikaistyöt osatyökyk työkyky työkyvy sysselsättning arbetslös arbetsplats jobb uppsägning "
    "permitter arbetsmarknad arbetssök lönesubvention te-byrå arbetsförmåg työllisyydenhoi arbetstillfäll",
    "adult_education": "aikuiskoulutu muuntokoulutu täydennyskoulutu oppisopimu uudelleenkoulutu elinikäi "
    "aikuisopisk lyhytkoulutu mikrotutkin erikoistumiskoulutu työvoimakoulutu täsmäkoulutu jotpa "
    "vuxenutbildning omskolning läroavtal fortbildning livslång kompetensutveckl vidareutbild "
    "kansalaisopisto kansanopisto sivistystyö medborgarinstitut folkhögskol",
    "vocational": "ammatillinen ammatillise ammattiopisto ammattikoulu ammattitutkin näyttötutkin "
    "työelämäjakso yrkesutbildning yrkesskol yrkesinstitut yrkesexamen",
    "upper_secondary": "lukio lukion lukioi ylioppilas oppivelvolli gymnasi studentexam läroplikt",
    "higher_education": "korkeakoulu yliopisto ammattikorkeakoulu kampus aloituspaik tutkintokoulutu "
    "yliopistokeskus opiskelija tiedekun akateemi professuu koulutusvastuu tutkinto-oikeu högskol "
    "universitet universitetscent yrkeshögskol studieplats campus studerande akademi lärosät "
    "utbildningsansvar tohtorikoulutu maisteriohj kandidaattiohj väitöskirj studenter",
    "education": "opettaja opettajie koulutuspaik koulutustarjon koulutusmäär koulutuksenjärjest "
    "koulutustaso koulutusalo opetustoi sivistystoi lärar utbildningsplats utbildningsutbud",
    "basic_education": "peruskoulu perusopetu kyläkoulu lähikoulu alakoulu yläkoulu koululai oppilai "
    "oppilaitok oppilashuol koulunkäy koulukuraat koulupsykolo koulurakennu koulukiinteist opinto-ohjau "
    "grundskol elever skol lågstadi högstadi läroanstalt",
    "early_childhood": "varhaiskasvatu päiväkod päiväkoti esiopetu esikoulu perhepäivähoi lastenhoi "
    "småbarnspedagog daghem förskol barnomsorg dagvård",
    "migration": "maahanmuutt maahanmuu kotoutu kotoutta ulkomaalai turvapaik pakolai vieraskieli ukrain "
    "invandr integrer asylsök flykting främmandespråk opiskeluperustei vastaanottokesk nyanländ",
    "international": "kansainväli ulkomai internationell utländsk utlandet",
    "attractiveness": "vetovoima vetovoimai pitovoima pitovoimai houkuttelevuu aluemarkkinoin "
    "dragningskraft attraktionskraft attraktivitet kvarhåll regionmarknadsför",
    "youth": "nuori nuoret nuorten nuorill nuoria nuoriso syrjäyty koulupudo neet-nuor ohjaamo unga ungdom "
    "ungas ungdomsarbete utanförskap",
    "mental_health": "mielenterve ahdistu pahoinvoin yksinäisyy terapia psyki psykolog päihde päihtei "
    "riippuvuu masennu itsemurh psykisk välmående ångest ensamhet missbruk beroende depression självmord "
    "suicid mentalvård",
    "wellbeing": "hyvinvoint hyvinvointialue terveys terveyd sosiaali sote hyte välfärd hälsa social hälso",
    "ageing": "ikääntyn ikäänty vanhus vanhuk vanhuspalvelu huoltosuhde ikäihmi eläkeläi seniori "
    "ikäystävälli åldrande äldre äldreomsorg pensionär senior muistisairau dementia äldrevård",
    "population": "väestö väestön väkiluku väkiluvu väkimäär muuttoliik muuttotappio muuttovoit poismuut "
    "tulomuut nettomuut asukka asukasluku asukasluvu asukasmäär syntyvyy syntyneid hedelmällisyy kuolleisuu "
    "demografi ikärakente befolkning invånare flyttning inflyttning utflyttning födelsetal nativitet "
    "avfolkning flyttningsförlust työikäi maaltamuut muuttovir autioitu folkmängd invånar",
    "child_family": "lastensuojelu perhepalvelu perhekeskus lapsiperhe lapsiperhei neuvola neuvolo lapsi "
    "lasten lapset perhetyö barnfamilj barnskydd familjecent familjetjänst barnrådgivning mödrarådgivning "
    "barn barnets lapsen",
    "poverty_exclusion": "köyhyy toimeentulo osattomuu asunnottomuu asunnotto eriarvoisuu huono-osai "
    "fattigdom bostadslös hemlös ojämlikhet",
    "civil_society": "järjestö järjestöj järjestön kansalaisjärj yhdistys yhdistyks yhdistysten vapaaehtoi "
    "osallisuu osallistami demokrati kolmannen sektorin föreningar förening frivillig medborgar "
    "civilsamhäll tredje sektorn delaktighet",
    "equality": "tasa-arvo yhdenvertai syrjintä syrjinnä sukupuol jämställd likabehand diskriminer",
    # ---- business and industry (TEM) ----
    "industry": "teollisuu tehdas tehtaa valmistava teollinen teollise tuotantolaito konepaja valimo teräs "
    "teräks metallinjalost industri fabrik tillverkning stål verkstadsindustri produktionsanlägg",
    "investment": "investointikohte investointivalmi investointihouk investointiympär investointipää "
    "teollisuusalue teollisuustontti yritysalue tonttivarant suurteollisuu teollisuuspuist etablering "
    "industriområd industritomt storprojekt investeringsbeslut suurhank",
    "structural_change": "rakennemuuto rakennemuutosalue äkillinen lakkautu lakkautta äkillisen "
    "yt-neuvottel muutosturva joukkoirtisan tehtaansulk strukturomvandling nedläggning nedlagd",
    "maritime": "meriteollisuu telak laivanrakennu meriteknolog varv sjöfart marin",
    "battery": "akku akkumateriaal akkumetall akkumineraal akkukem kenno litiu nikkeli koboltti grafiit "
    "katodi anodi batteri battericell litium",
    "hydrogen": "vety vedyn vetytalo vetyput vetypelk e-polttoain sähköpolttoain synteettis metanol "
    "ammoniak power-to-x elektroly vätgas elektrobränsl e-bränsl",
    "mining": "kaivos kaivok malmi mineraal kaivanna louhinta louhos louhok rikaste rikastam rikastushiek "
    "sivukivi gruv malm mineral prospekter maametall",
    "green_transition": "vihreä siirtymä vihreän siirtymän fossiiliton päästövähenny hiilineutraal ilmasto "
    "päästö kasvihuonekaas vähähiili hiilidioksid hiilijalanjä hiilikädenjä dekarbonis fossiili hiilinielu "
    "hiilensido talteenot gröna grönt omställning fossilfri utsläpp klimat koldioxid kolsänk växthusgas",
    "permits": "luvitu lupaproses lupakäsittely ympäristölup lupaviranomai lupamenettel lupahakemu vesilup "
    "rakennuslup lupa-asi lupapalvelu valvontavira yva-menettel tillstånd tillståndsproces miljötillstånd "
    "bygglov miljöprövning miljökonsekvens",
    "land_use": "kaavoitu kaava maankäyt alueidenkäyt kaavoittaj rakennusmaa tonttimaa maapolitiik "
    "maanmittau tilusjärjest planläggning markanvändning detaljplan översiktsplan generalplan landskapsplan "
    "markpolitik planlägg lantmäteri tontti tontin tontte tonttej",
    "entrepreneurship": "yrittäj pk-yrity aloittav startup kasvuyrity mikroyrity yritysneuvon yrityspalvelu "
    "yrityshautomo yrityskiihdyt uusyrity omistajanvaihdo sukupolvenvaihdo yritystoimin elinkeinopalvelu "
    "kehittämisyhtiö entreprenör företagare företagsrådgiv nyföretag ägarskifte generationsskifte "
    "företagstjänst yritystu yritysrahoit kehittämisavustu elinkeinotoim elinkeinoyhti pienyrity perheyrity "
    "företagande småföretag",
    "exports": "vienti viennin vientiteollisuu kansainvälisty vientimarkkin vientiyrity export "
    "internationaliser",
    "rdi": "tki tutkimus tutkimu t&k innovaatio innovaatioekosys kehitysympärist testiymp tutkimusinfra "
    "pilotoin pilottilaito pilottihank demonstraatio demolaito kokeiluympär klusteri ekosysteemisopimu "
    "osaamiskeskit tiedepuist teknologiakesk tieteelli tieteen tiedeyhte forskning innovation testbädd fou "
    "pilotanlägg demonstrationsanlägg kluster vetenskap",
    "space": "avaruu satelliit kaukokartoitu rymd satellit",
    "health_tech": "terveysteknolog hyvinvointiteknolog lääkekehit lääketeollisuu biopankki hälsoteknik "
    "hälsoteknolog läkemedel",
    "digital": "digitaali digitalisaatio tekoäly ohjelmisto peliala data digital artificiell kvantti "
    "supertietokon puolijoht mikroelektroniik robotiik automaatio halvledar ict it-ala it-osaa it-palvelu "
    "pilvipalvelu",
    "e_services": "verkkoasioin asiointipalvelu verkkopalvelu digituki digitue digipalvelu tietojärjestelm "
    "yhteentoimivuu tiedonhallin palveluarkkit e-asioin asiakastietojärj e-tjänst informationssystem "
    "e-förvaltning digistöd interoperabil tunnistautumi",
    "cyber": "kyber tietoturva tietoturvallisuu tietosuoja hybridiuhk hybridivaikut informaatiovaikut cyber "
    "informationssäkerhet hybridhot dataskydd",
    "bioeconomy": "biotalous metsä puun puunjalostu puutuote puurakentami puukerrostalo puutalo saha clt "
    "sellu biojalostam biotuote biopohjai biomassa puupolttoain metsähake pelletti skog träbygg trähus "
    "träindustri träförädl trävaru sågverk bioekonomi bioprodukt pellet",
    "forestry": "metsänhoi metsätalou metsänomist metsäkeskus metsätie metsäsuunnit hakkuu hakkuid "
    "puunkorjuu metsäkone puunhankin taimikonhoi metsätuho metsäteollisuu skogsbruk skogsägare avverkning "
    "skogsvård skogsindustri metsävar metsänkasvu puuntuotan skogsväg",
    "circular": "kiertotalou kierrätys kierrätyk sivuvirta sivuvirro uusiokäyt uudelleenkäyt jätteid "
    "jätteen jätehuol purkujäte materiaalitor tuottajavastuu biojäte yhdyskuntajät rakennusjät muovijät "
    "kaatopaik uusiomateriaal uusioraaka sivutuote symbioosi resurssiviisa materiaalitehok cirkulär "
    "återvinn restprodukt sidoström avfall återanvänd återbruk",
    "biogas": "biokaasu lanta lannan kierrätyslannoit biometaan biogas gödsel",
    "agriculture": "maatalou maatila maatilo viljelijä ruoantuotanto elintarvike maanviljel karjatalou "
    "maidontuotan kotieläin nautakarja naudanliha sikatalou kasvinviljel peltoviljel pelto pellot peltoj "
    "luomu lomitu maaseutuelinkein tilanpido jordbruk lantbruk livsmedel odling bonde bönder lantbrukare "
    "husdjur mjölkproduktion tuottajahin nautatil sikatil viljatil viljantuot viljasado viljasato satovahin "
    "salaoja pellon eläintau eläinlääk",
    "fisheries": "kalastu kalakan kalatie vaelluskal silak muikku muikun hylje hylkee hylkei merimetso "
    "fiske fisk fiskeri strömming skarv sälar",
    "hunting_game": "metsästy metsästä riista hirvi hirven hirviä suurpeto susi susien suden karhu ilves "
    "petovahin jakt jägare vilt älgar älgen rovdjur vargar ilvek",
    "tourism": "matkailu matkailij turismi turisti majoitu vierailij hotelli ohjelmapalvelu matkailukesk "
    "hiihtokesk laskettelu yöpymi visit turism turist besöksnäring besökare resmål övernattning hotell "
    "turistdestination matkakohte matkakohde destinaatio sesonki sesong",
    "culture": "kulttuuri taide taitei museo teatter musiikki festivaali luova luovien kirjasto elokuva "
    "elokuvatuotan av-ala audiovisu tuotantokannusti kuvausryhm pelialan peliyrity pelistudi pelinkehit "
    "peliteollisuu tapahtuma konsertti ooppera orkesteri näyttely kultur konstnär konsten konstverk "
    "konstmuse konsthall teater museum museer musik kreativ bibliotek film spelbransch spelindustri "
    "spelutveckl spelföretag evenemang festival tv-sarj tv-tuotan rakennusperin esittävä sirkus tanssi "
    "muotoilu design scenkonst bildkonst",
    "sami": "saamelai saame sami samisk sámi sameting samer",
    # ---- energy (TEM, YM) ----
    "energy": "energia sähkö sähkön energi elektricitet voimala voimalaito kraftverk kotiseutualu "
    "elproduktion elförsörjning elektrifiering",
    "wind": "tuulivoima tuulisähkö tuulipuisto tuulipuist merituuli tuuliturbiin offshore vindkraft "
    "havsvind vindpark",
    "solar": "aurinkosähkö aurinkovoima aurinko solkraft solenergi solpanel solpark solcell solel",
    "hydropower": "vesivoima säännöstel pumppuvoim vattenkraft vattenreglering",
    "nuclear": "ydinvoim ydinsähk ydinenerg ydinjät ydinlaito reaktori loppusijoitu kärnkraft kärnenergi "
    "reaktor slutförvar",
    "district_heating": "kaukoläm lämpöpum lämpölai lämpöyri maaläm hukkaläm lämmitys lämmity lämmöntuot "
    "lämpövarast lämpökesk fjärrvärme värmepump spillvärme uppvärmning värmeverk bergvärme",
    "grid": "kantaverk sähköverk sähkönsiirto siirtoyhteys sähköasema liittymisjono verkkoinvestoin fingrid "
    "jakeluverk siirtohinn sähkökatko myrskyvarm maakaapeloin siirtokapasit toimitusvarmuu stamnät elnät "
    "elöverföring elnätsanslutning distributionsnät överföringskapacitet elavbrott verkonhalti sähkönjakelu",
    "energy_prices": "energiakustannu energianhin sähkönhin energiakriis sähkölasku polttoainehin "
    "energikostnad elpris bränslepris energipris elräkning energiaköyhyy",
    "e_mobility": "latausinfra latauspist latausasem sähköauto sähköbussi sähköisty laddinfrastruktur "
    "laddstation laddpunkt laddning elbil",
    "defence_radar": "puolustusvoim tutka tutkavaikutu puolustusministeri försvarsmakt radar",
    # ---- transport and connections (LVM) ----
    "transport_infra": "väylä liikenneverk liikenneinfra liikennejärjestel liikennehank liikenneinvestoin "
    "ydinverkk ten-t liikennekäytäv kasvukäytäv liikenneyhtey infrastruktur trafikinfra transportinfra "
    "korridor tunneli",
    "rail": "rata radan raide raite raideliiken juna junayhtey ratayhtey oikorata ratakapasitee "
    "kaksoisraide tasoristey henkilöjuna lähijuna yöjuna asemanseutu rautatie rautatei bana banan tåg "
    "järnväg spår mötesspår bangård",
    "air": "lento lentoasema lentokenttä lentokentä lentoliiken lentoyhtey lentovuoro reittiliiken "
    "reittilento kiitotie charter finavia flyg flygplats flygförbindel flygtrafik flygfält",
    "road": "tieverk tiestö maantie valtatie kantatie seututie moottoritie ohitustie ohituskaist tiehank "
    "tieosuu tieyhtey tieliiken liikenneturv korjausvel vägnät landsväg väg riksväg stamväg motorväg "
    "trafiksäkerhet ohikulkutie eritasoliittym kiertoliittym tiesuunnitel",
    "ports": "satama satamien satami meriväylä laivaväylä syväväylä kulkusyvyy hamn hamnar farled laituri",
    "public_transport": "joukkoliiken ostoliiken linja-auto bussi lähiliiken kutsuliiken asiointiliiken "
    "kimppakyyti matkaketju liikkumispalvelu matkakesk raitio velvoiteliiken kollektivtrafik upphandlad "
    "trafik buss spårväg resecentrum paikallisliiken seutuliiken taksi",
    "active_travel": "pyöräily pyörätie pyöräteit kävely jalankul kevytliiken cykel cykling gångtrafik "
    "gångväg",
    "ferries": "yhteysalus lautta förbindelsebåt färja skärgårdstrafik lossi lautan lautoi färjor "
    "saaristoliiken",
    "accessibility": "saavutettavuu matka-aika kommunikation tillgänglighet restid trafikförbind etäisyy "
    "avstånd pendling pendel työmatkaliiken työssäkäyntialu pendelöi työmatka",
    "broadband": "laajakaista laajakaistatu kuitu kuidu valokuitu kuituverk kuituosuuskunt tietoliiken "
    "mobiiliverk mobiiliyhtey katvealue verkkoyhtey internetyhtey bredband fiber fiberansl mobiltäckning "
    "mobilnät uppkoppling g-verk",
    "remote_work": "etätyö etäpalvelu etäopiskelu etäopetu monipaikkai hybridityö distansarbete distans "
    "flerort multilokal",
    "second_homes": "mökki mökkei mökkiläi kakkosasu vapaa-ajan loma-asun kesäasuk monipaikkai "
    "fritidsboende fritidshus sommarstug stugor fritidsinvånare mökin",
    "rural": "maaseutu maaseudu haja-asutus harvaan asutu harvaanasu kylä kylien syrjäseu reuna-alue "
    "landsbygd glesbygd byar byn syrjäi",
    "archipelago": "saaristo saariston saarikun saarten saarilla saarella saarelle skärgård åland åländsk "
    "öarna",
    # ---- environment (YM, MMM) ----
    "water": "vesistö vesiensuojelu vesienhoi vedenlaatu rehevöity ravinne ravintei ravinnekuorm fosfori "
    "kiintoaine huleve jäteve kosteik valuma-alue järvikunnost järviensuoj vattenskydd övergödning "
    "näringsläckage vattendrag kustvatten avloppsvatten vattenvård vattenkvalitet",
    "sea": "itämeri itämeren saaristomeri saaristomeren suomenlahti selkämeri perämeri rannikko "
    "meriensuojelu merialuesuunnit merenhoi merialue östersjön skärgård skärgården kvarken kusten kustområd "
    "kustregion kuststad kustnära havsområde havsplan",
    "nature": "luonto luonnon kansallispuisto luonnonsuojelu monimuotoisuu ennallista suojelualu luontotyyp "
    "uhanalai lajisto vieraslaj kompensaat soidensuoj suoluon natur nationalpark biologisk mångfald "
    "restaurering artrikedom ekosystemtjänst",
    "peat": "turve turpeen turvetuotanto turveyrittäj suoalue turvemaa torv torvproduktion myrar torvmark",
    "climate_adaptation": "sopeutumi ilmastoriski tulvariski tulva tulvie kuivuu rankkasat myrsky "
    "hellejakso äärisää översvämning klimatanpassning torka skyfall extremväder stormarna stormskad "
    "stormfäll maanvyöry eroosio erosion merenpinn",
    "water_supply": "vesihuolto vesihuollo vedenhanki jätevedenpuhdist vesijohto vesijohdo viemäri viemäröi "
    "vesiosuuskun vesilaito vesilaitok puhdistamo talousve pohjave vattenförsörjning avlopp vattenledning "
    "reningsverk grundvatten vattentjänst vattenverk dricksvatten juomave",
    "sports_leisure": "liikunta urheilu liikuntapaik harrastu uimahall jäähall liikuntahall monitoimihall "
    "urheilukent kuntoilu ulkoilu retkeily vaellusreit virkistyskäyt hiihto idrott motion fritid simhall "
    "ishall friluft vandringsled",
    # ---- security and borders (SM, PLM, OM, UM) ----
    "border": "itäraja itärajan raja-alue raja-asem rajanylitys rajaliiken rajakauppa rajavartio rajaseu "
    "rajakun rajayhteis venäjä venäläi gränsen gränsöver gränsområd gränskommun gränsregion gränshinder "
    "gränsbevakn gränsstation gränstrafik gränshandel ryss ryssland harrastami harrastetoimin hobby "
    "rajaturv rajatalou",
    "nordic": "pohjoismai norja norjan nordisk norden norge norsk",
    "arctic": "arktinen arktise arktis arctic barents pohjoiskalot nordkalot",
    "security": "turvallisuu huoltovarmuu varautumi valmiussuunnit valmiusharjoit valmiuslai kriisi "
    "häiriötilan poikkeusolo kokonaisturvallisuu resilienss pakote pakotte säkerhet försörjningsberedskap "
    "beredskap krisen kriser krisberedsk krishanter störningssituation undantagsförhållande sanktion "
    "varmuusvarast evakuo",
    "rescue": "pelastu pelasta palokun palolaito palolaitok paloasem palomie paloturv palotarkast metsäpalo "
    "maastopalo tulipalo sammutu sammutta ensihoi ensivaste hätäkesku hätäilmoitu väestönsuoj onnettomuu "
    "öljyntorju öljyvahin räddning brandkår brandstation brandsäker brandskydd brandförsvar skogsbrand "
    "befolkningsskydd skyddsrum nödcentral prehospital olyck oljebekämp oljeskydd valmiuskesk evakuo "
    "hälytysaj hälytysaik toimintavalmiusai",
    "police_justice": "poliisi rikollisuu rikos rikoks rikost rikosseuraamu vankila vankeinhoi tuomioistuin "
    "käräjäoikeu hovioikeu hallinto-oikeu oikeusapu oikeusavu oikeuspalvelu syyttäjä ulosot oikeuslaito "
    "järjestyksenpi polis brottslig brottsbek brottsof tingsrätt hovrätt domstol rättsväsende åklagar "
    "fängelse kriminalvård rättshjälp",
    # ---- health and social services (STM, wellbeing counties) ----
    "health_care": "terveydenhuol terveyskesk terveyspalvelu perusterveydenhuol erikoissairaanhoi sairaala "
    "sairaanhoi päivystys päivystyk lääkäri lääkäre hoitaja hoitajie sairaanhoitaj hoitohenkilö hoitojono "
    "etävastaanot hyvinvointialue synnyty ambulanssi hammashoi kuntoutu hoitotaku läkare sjukskötare "
    "sjukvård vården vårdpersonal vård patient hälsocentral jour sjukhus förlossning akutvård ambulans "
    "tandvård rehabilitering vårdgaranti terveysasem hoitoonpääs ensihoi oikeusturva tuomioistui hälytysaj "
    "specialistvård läkar akutmottag",
    "social_care": "vanhuspalvelu kotihoi hoivakot omaishoi lastensuojelu sosiaalipalvelu sosiaalityö hoiva "
    "ympärivuorokautis palveluasumi vammai vammaispalvelu äldreomsorg hemvård barnskydd hemtjänst "
    "serviceboende äldreboende funktionsnedsätt funktionshind asumispalvelu",
    "swedish_services": "ruotsinkieli kaksikieli kielellis kielilai kielilaki kansalliskiel vähemmistökiel "
    "svenskspråkig tvåspråkig modersmål språkliga språklag finlandssvensk nationalspråk minoritetsspråk",
    # ---- food and land (MMM) ----
    "food": "ruoka ruoan ruokaketju elintarvik elintarvikejalostu maatila maatilo maatalou karjatalou maito "
    "maidon viljelijä viljely kasvihuoneviljel kasvihuonetuotan sukupolvenvaihdo aloitustu ruokaturva "
    "ruokajärjestel livsmedel lantbruk gård odling odlare växthusodl mjölk jordbruk närproducer "
    "matproduktion ruotsiksi",
    "reindeer": "poronhoi poro poroelinkeino paliskunt renskötsel renar rennäring renskötar",
    "fisheries_water": "kalatalou kalastaj ammattikalast vesiviljel kalankasvatu kalanviljel "
    "kiertovesilaito fiskodling yrkesfisk vattenbruk",
    # ---- housing and communities (YM) ----
    "housing_market": "asuntotuotanto asuntomarkkin vuokra-asun vuokrataloyhti vuokra vuokrat asuntokanta "
    "purkuavustu purkutu korjausrakentami kiinteistö kohtuuhintai mal-sopimu ara-tu ara-vuokr ara-rahoit "
    "tyhjillä vajaakäyt energiakorja hyresbostad hyror bostadsproduktion bostadsmarknad fastighet "
    "bostadsbestånd tyhjät tyhjien hyresbost",
    "urban": "kaupunkikehittämi kaupunkiseutu kaupunkiseud keskusta-alue kasvukeskus kaupunkipolitiikka "
    "kaupunkipoli keskuskaupun yliopistokaupun metropoli kaupunkirakente kaupunkiympär kaupunkikesk lähiö "
    "lähiöi segregaatio keskustojen stadsutveckling stadsregion storstad stadskärna förort segregation "
    "kaupungistu urbanis",
    "services_network": "palveluverkko kouluverk kyläkoulu lähipalvelu palvelupist yhteispalvelu "
    "kirjastoauto pankkipalvelu käteis postipalvelu hyvinvointiauto servicenät närservice byskola "
    "servicepunkt kontanttjänst",
    # ---- integration of immigrants ----
    "integration_services": "kotoutumiskoulutu kotoutumispalvelu kotoutumisohjel kielikoulutu kielenopetu "
    "kieliopetu asettautumi vastaanottopalvelu puolisoiden puolisot monikieli maahanmuuttaja kielitai "
    "integration integrationsarbete språkundervisning språkutbildning inflyttade nyinflyttade språkkurs "
    "språkkunskap finskundervisning",
    # ---- defence (PLM) ----
    "defence": "puolustusvoim puolustu varuskunta varuskunna prikaati harjoitusalue varusmie reserviläi "
    "asevelvolli nato naton sotilaa sotila kertausharjoitu ampumarat ampuma-alue lennosto laivasto ilmavoim "
    "maavoim merivoim rykmentti armeij försvarsmakt försvar garnison brigad beväring övningsområde "
    "värnplikt regemente flygflottilj skjutfält",
    # ---- roads in more detail ----
    "road_maintenance": "soratie yksityistie alempiasteinen kelirikko painorajoitu päällyste tienpito "
    "väylänpido perusväylänpi silta sillat siltoj maantie maanteiden enskilda vägar grusväg tjällossning "
    "bro broar vägunderhåll basunderhåll beläggning metsätie skogsväg sillan ammusteh räjähte lanthandel",
    "logistics": "logistiikka kuljetu rahtiliiken tavaraliiken huoltovarmuuskuljetu tavarakulje rahti "
    "terminaali intermodaal rekkaliiken logistik godstrafik transporter virkestransport gods frakt terminal "
    "kombiterminal tavaravir hct-",
    "shipping": "merenkulku talvimerenkulku jäänmurt meriliiken laivaliiken lauttaliiken varustamo "
    "rahtilaiva sjöfart vintersjöfart isbrytning isbryt färjetrafik sjötrafik rederi",
    # ---- EU and regional funding ----
    "eu_funds": "rakennerahasto aluekehitysrahasto eakr esr jtf leader maaseutuohjelma cap-suunnitelma "
    "interreg strukturfond utvecklingsfonden landsbygdsprogram eu-rahoitu eu-ohjelm eu-varo eu-rahast "
    "koheesio ohjelmakau ohjelmakaud maaseuturahast elpymis eu-medel eu-program eu-finansi "
    "sammanhållningspoliti landsbygdsfond regionalfond programperiod",
    # ---- public administration and finances (VM, VN) ----
    "municipal": "kuntatalou valtionosuu verotulo kunnallisvero kuntavero veroprosent alijäämä kriisikun "
    "kuntaliito kuntarakente kustannustenjak kommunalekonomi kommunalek statsandel skatteinkomst "
    "kommunalskatt kommunsammanslag underskott kuntarahoitu",
    "taxation": "verotu verotuk vero verohelp verovähenn verokann veronkeve veroetu veropoliti skatten "
    "skatter skattelätt skattesats beskattning skattelättnad avdrag",
    "state_administration": "virasto viraston virastoj valtionhallin aluehallin hajasijoit hajautetta "
    "ely-kesku elinvoimakesku myndighet regionförvaltn ntm-centr",
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
