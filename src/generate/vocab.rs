//! Vocabulary of the generated corpus: places, kinds of organisation and topics in both
//! languages, as real reports name them (`Bergen Municipality` / `Bergeno savivaldybė`),
//! organisations known by their native names (`Hugarafl`, `Stiftelsen Kulturbro`), and
//! month names.

/// A place: English name, Lithuanian genitive (as in `Bergeno savivaldybė`), country.
pub struct Place {
    pub english: &'static str,
    pub lithuanian: &'static str,
    pub country: Country,
}

/// A donor country, with its names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Country {
    Norway,
    Iceland,
    Liechtenstein,
}

impl Country {
    pub fn english(self) -> &'static str {
        match self {
            Country::Norway => "Norway",
            Country::Iceland => "Iceland",
            Country::Liechtenstein => "Liechtenstein",
        }
    }

    pub fn lithuanian(self) -> &'static str {
        match self {
            Country::Norway => "Norvegija",
            Country::Iceland => "Islandija",
            Country::Liechtenstein => "Lichtenšteinas",
        }
    }

    /// Formal English name, e.g. `Kingdom of Norway`.
    pub fn formal_english(self) -> &'static str {
        match self {
            Country::Norway => "Kingdom of Norway",
            Country::Iceland => "Republic of Iceland",
            Country::Liechtenstein => "Principality of Liechtenstein",
        }
    }

    /// Formal Lithuanian name, e.g. `Norvegijos Karalystė`.
    pub fn formal_lithuanian(self) -> &'static str {
        match self {
            Country::Norway => "Norvegijos Karalystė",
            Country::Iceland => "Islandijos Respublika",
            Country::Liechtenstein => "Lichtenšteino Kunigaikštystė",
        }
    }

    /// English adjective, e.g. `Norwegian`.
    pub fn adjective(self) -> &'static str {
        match self {
            Country::Norway => "Norwegian",
            Country::Iceland => "Icelandic",
            Country::Liechtenstein => "Liechtenstein",
        }
    }

    /// Lithuanian genitive, e.g. `Norvegijos`.
    pub fn genitive(self) -> &'static str {
        match self {
            Country::Norway => "Norvegijos",
            Country::Iceland => "Islandijos",
            Country::Liechtenstein => "Lichtenšteino",
        }
    }
}

macro_rules! places {
    ($($en:literal $lt:literal $c:ident),* $(,)?) => {
        &[$(Place { english: $en, lithuanian: $lt, country: Country::$c }),*]
    };
}

pub const PLACES: &[Place] = places![
    "Oslo" "Oslo" Norway, "Bergen" "Bergeno" Norway, "Trondheim" "Trondheimo" Norway,
    "Stavanger" "Stavangerio" Norway, "Tromsø" "Tromsės" Norway, "Kristiansand" "Kristiansando" Norway,
    "Drammen" "Drameno" Norway, "Bodø" "Bodės" Norway, "Ålesund" "Olesundo" Norway,
    "Fredrikstad" "Fredrikstado" Norway, "Hamar" "Hamaro" Norway, "Lillehammer" "Lilehamerio" Norway,
    "Molde" "Moldės" Norway, "Narvik" "Narviko" Norway, "Tønsberg" "Tonsbergo" Norway,
    "Sandnes" "Sandneso" Norway, "Halden" "Haldeno" Norway, "Gjøvik" "Gjoviko" Norway,
    "Arendal" "Arendalio" Norway, "Harstad" "Harstado" Norway, "Larvik" "Larviko" Norway,
    "Skien" "Šieno" Norway, "Kongsberg" "Kongsbergo" Norway, "Steinkjer" "Steinkjerio" Norway,
    "Reykjavik" "Reikjaviko" Iceland, "Akureyri" "Akureirio" Iceland, "Kópavogur" "Kopavogio" Iceland,
    "Hafnarfjörður" "Hafnarfjordo" Iceland, "Ísafjörður" "Isafjordo" Iceland, "Selfoss" "Selfoso" Iceland,
    "Vaduz" "Vaduco" Liechtenstein, "Schaan" "Šano" Liechtenstein, "Balzers" "Balzerso" Liechtenstein,
    "Triesen" "Trizeno" Liechtenstein,
];

/// A kind of organisation: English noun, Lithuanian noun, and whether English puts the
/// place after it (`University of Bergen`).
pub struct OrgKind {
    pub english: &'static str,
    pub lithuanian: &'static str,
    pub english_of: bool,
}

macro_rules! kinds {
    ($($en:literal $lt:literal $of:literal),* $(,)?) => {
        &[$(OrgKind { english: $en, lithuanian: $lt, english_of: $of }),*]
    };
}

pub const ORG_KINDS: &[OrgKind] = kinds![
    "Municipality" "savivaldybė" false, "Public Library" "viešoji biblioteka" false,
    "Museum" "muziejus" false, "University" "universitetas" true, "University Hospital" "universitetinė ligoninė" false,
    "City Council" "miesto taryba" false, "Association" "asociacija" false, "Culture Centre" "kultūros centras" false,
    "Society" "draugija" false, "Theatre" "teatras" false, "School" "mokykla" false, "Foundation" "fondas" false,
    "Academy of Music" "muzikos akademija" false, "Volunteer Centre" "savanorių centras" false,
];

/// A field of work: English adjective/noun, Lithuanian genitive.
pub struct Field {
    pub english: &'static str,
    pub lithuanian: &'static str,
    /// English topic words for the text.
    pub topic_en: &'static str,
    /// Lithuanian topic words for the text.
    pub topic_lt: &'static str,
}

macro_rules! fields {
    ($($en:literal $lt:literal $ten:literal $tlt:literal),* $(,)?) => {
        &[$(Field { english: $en, lithuanian: $lt, topic_en: $ten, topic_lt: $tlt }),*]
    };
}

pub const FIELDS: &[Field] = fields![
    "Youth" "jaunimo" "youth participation and non-formal education" "jaunimo dalyvavimo ir neformaliojo ugdymo",
    "Women's" "moterų" "gender equality and women's leadership" "lyčių lygybės ir moterų lyderystės",
    "Heart" "širdies" "prevention of heart disease" "širdies ligų prevencijos",
    "Cancer" "vėžio" "support for cancer patients and their families" "pagalbos vėžiu sergantiems ir jų šeimoms",
    "Environmental" "aplinkosaugos" "climate action and nature protection" "klimato kaitos ir gamtos apsaugos",
    "Refugee" "pabėgėlių" "refugee integration at the local level" "pabėgėlių integracijos vietos lygmeniu",
    "Disability" "neįgaliųjų" "independent living of people with disabilities" "neįgaliųjų savarankiško gyvenimo",
    "Senior" "senjorų" "active ageing and social inclusion of seniors" "aktyvaus senėjimo ir senjorų socialinės įtraukties",
    "Sports" "sporto" "sport for all and healthy lifestyles" "sporto visiems ir sveikos gyvensenos",
    "Cultural" "kultūros" "cultural heritage and local identity" "kultūros paveldo ir vietos tapatybės",
    "Children's" "vaikų" "children's rights and family support" "vaikų teisių ir pagalbos šeimai",
    "Mental Health" "psichikos sveikatos" "community mental health services" "bendruomeninių psichikos sveikatos paslaugų",
    "Human Rights" "žmogaus teisių" "human rights advocacy and monitoring" "žmogaus teisių gynimo ir stebėsenos",
    "Student" "studentų" "student exchange and civic engagement" "studentų mainų ir pilietinio įsitraukimo",
];

/// Named events or programmes that reports mention in both languages.
pub const EVENTS: &[&str] = &[
    "Nordic Youth Week",
    "Arctic Forum",
    "Open Dialogue",
    "Baltic Pride",
    "Democracy Lab",
    "Green Cities",
    "Social Inclusion Days",
    "Kulturnatt",
    "Civic Academy",
    "Fjord Camp",
    "Safe Schools",
    "Inclusive Libraries",
    "Heritage Walks",
    "Volunteer Summit",
];

/// Lithuanian organisations that host the visits.
pub const HOSTS: &[(&str, &str)] = &[
    ("Kaunas", "Kauno"),
    ("Vilnius", "Vilniaus"),
    ("Klaipėda", "Klaipėdos"),
    ("Šiauliai", "Šiaulių"),
    ("Panevėžys", "Panevėžio"),
    ("Alytus", "Alytaus"),
    ("Marijampolė", "Marijampolės"),
    ("Utena", "Utenos"),
    ("Telšiai", "Telšių"),
    ("Tauragė", "Tauragės"),
];

/// An organisation known by its native name (`Hugarafl`), which one side of a pair
/// wraps in translated words (`Hugarafl – User-led Mental Health Organisation`) and the
/// other writes alone. Written with a town (`Hugarafl Akureyri`) so that it names one
/// organisation.
pub struct NativeOrg {
    pub native: &'static str,
    /// What it is, in English: `User-led Mental Health Organisation`.
    pub english: &'static str,
    /// What it is, in Lithuanian, lowercase: `naudotojų valdoma psichikos sveikatos organizacija`.
    pub lithuanian: &'static str,
    pub country: Country,
    /// The English name of its [`Field`], for the topics of the text.
    pub field: &'static str,
}

macro_rules! native_orgs {
    ($($native:literal $en:literal $lt:literal $c:ident $field:literal),* $(,)?) => {
        &[$(NativeOrg { native: $native, english: $en, lithuanian: $lt, country: Country::$c, field: $field }),*]
    };
}

pub const NATIVE_ORGS: &[NativeOrg] = native_orgs![
    "Hugarafl" "User-led Mental Health Organisation" "naudotojų valdoma psichikos sveikatos organizacija" Iceland "Mental Health",
    "Blindrafélagið" "Association of the Blind" "aklųjų asociacija" Iceland "Disability",
    "Leikfélag" "Amateur Theatre Company" "mėgėjų teatro trupė" Iceland "Cultural",
    "Kvennaathvarf" "Women's Shelter" "moterų prieglauda" Iceland "Women's",
    "Ungmennafélag" "Youth and Sports Club" "jaunimo ir sporto klubas" Iceland "Youth",
    "Krabbameinsfélag" "Cancer Society" "vėžio draugija" Iceland "Cancer",
    "Landvernd" "Environment Association" "aplinkosaugos asociacija" Iceland "Environmental",
    "Kirkens Bymisjon" "Church City Mission" "bažnyčios miesto misija" Norway "Refugee",
    "Fretex" "Social Enterprise for Work Inclusion" "darbo įtraukties socialinė įmonė" Norway "Disability",
    "Barnevernet" "Child Welfare Service" "vaiko teisių apsaugos tarnyba" Norway "Children's",
    "Frivilligsentral" "Volunteer Centre" "savanorių centras" Norway "Senior",
    "Ungdomshuset" "Youth House" "jaunimo namai" Norway "Youth",
    "Naturvernforbundet" "Nature Conservation Society" "gamtosaugos draugija" Norway "Environmental",
    "Krisesenteret" "Crisis Centre for Women" "krizių centras moterims" Norway "Women's",
    "Idrettslag" "Sports Club" "sporto klubas" Norway "Sports",
    "Helselaget" "Heart Health Association" "širdies sveikatos draugija" Norway "Heart",
    "Frauenhaus" "Women's Shelter" "moterų prieglauda" Liechtenstein "Women's",
    "Jugendtreff" "Youth Meeting Point" "jaunimo susitikimų vieta" Liechtenstein "Youth",
    "Lebenshilfe" "Support for People with Intellectual Disabilities" "pagalba žmonėms su intelekto negalia" Liechtenstein "Disability",
    "Seniorenbund" "Seniors' Union" "senjorų sąjunga" Liechtenstein "Senior",
    "Kulturverein" "Cultural Association" "kultūros draugija" Liechtenstein "Cultural",
];

/// An organisation whose English record keeps its native name (`Stiftelsen Kulturbro`)
/// and whose Lithuanian record translates it (`fondas „Kultūros tiltas“`). Both are
/// written with a town: `Stiftelsen Kulturbro Bergen`, `Bergeno fondas „Kultūros tiltas“`.
pub struct TranslatedOrg {
    pub native: &'static str,
    /// The translation, lowercase, after the town's genitive.
    pub lithuanian: &'static str,
    pub country: Country,
    /// The English name of its [`Field`].
    pub field: &'static str,
}

macro_rules! translated_orgs {
    ($($native:literal $lt:literal $c:ident $field:literal),* $(,)?) => {
        &[$(TranslatedOrg { native: $native, lithuanian: $lt, country: Country::$c, field: $field }),*]
    };
}

pub const TRANSLATED_ORGS: &[TranslatedOrg] = translated_orgs![
    "Stiftelsen Kulturbro" "fondas „Kultūros tiltas“" Norway "Cultural",
    "Stiftelsen Grønn Fremtid" "fondas „Žalia ateitis“" Norway "Environmental",
    "Foreningen for Fangehjelp" "pagalbos kaliniams draugija" Norway "Human Rights",
    "Kvinnenes Hus" "moterų namai" Norway "Women's",
    "Barnas Stemme" "asociacija „Vaiko balsas“" Norway "Children's",
    "Eldrerådet" "pagyvenusių žmonių taryba" Norway "Senior",
    "Menningarmiðstöðin Hof" "kultūros centras „Kiemas“" Iceland "Cultural",
    "Geðhjálp" "asociacija „Psichikos pagalba“" Iceland "Mental Health",
    "Félag eldri borgara" "vyresnio amžiaus piliečių draugija" Iceland "Senior",
    "Ungmennaráð" "jaunimo patariamoji taryba" Iceland "Youth",
    "Verein für Menschenrechte" "žmogaus teisių gynimo draugija" Liechtenstein "Human Rights",
    "Stiftung Kinderhilfe" "fondas „Pagalba vaikams“" Liechtenstein "Children's",
    "Heilpädagogisches Zentrum" "specialiosios pedagogikos centras" Liechtenstein "Disability",
];

/// English month names, January first.
pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Lithuanian month names in the genitive, as dates use them (`liepos 4 d.`).
pub const LITHUANIAN_MONTHS: [&str; 12] = [
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
];

/// The standard Lithuanian abbreviations of the months, with their dot.
pub const LITHUANIAN_MONTHS_SHORT: [&str; 12] = [
    "saus.", "vas.", "kov.", "bal.", "geg.", "birž.", "liep.", "rugpj.", "rugs.", "spal.",
    "lapkr.", "gruod.",
];
