//! Deterministic synthetic corpora of ITU and UN resolutions, for benchmarks, fuzz seeds and tests.
//!
//! [`text_corpus`] writes many resolutions as Word saves them as text: summaries in the style of a TSAG
//! temporary document (numbered headings, quoted excerpts "2.6\tResolution 130 (Rev. Bucharest 2022)
//! “Title”:" with gappy item numbers, committee recommendations, the legend and the flattened reference
//! table), then full texts of PP, WTSA, WTDC, WRC, Council and UN General Assembly resolutions: citation
//! line, title, enacting formula, preambular and operative blocks, items with sub-items and dashes,
//! sections of rules and annexes. [`docx_corpus`] writes full texts as a Word document, with paragraph
//! styles, tabs, non-breaking hyphens, tables and footnotes.
//!
//! The generators know what they wrote: [`generate_text`] and [`generate_docx`] return the expected
//! instruments (number, body, blocks with their verbs, addressees and item labels), so a test can check the
//! parser against them. Everything is a pure function of the seed (a splitmix64 generator, no `rand`).
//!
//! ```
//! let a = mandates_bench::text_corpus(7, 20_000);
//! assert!(a.len() >= 20_000);
//! assert_eq!(a, mandates_bench::text_corpus(7, 20_000));
//! ```

use std::io::{Cursor, Write as _};

/// A small, fast, seeded pseudo-random generator (splitmix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `p` times in a hundred.
    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A block as the parser should report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedBlock {
    /// The verb in its reported form ("instructs", "considering"); `None` for an implicit block.
    pub verb: Option<String>,
    pub addressees: Vec<String>,
    pub partners: Vec<String>,
    /// Item labels as a compact tree: "1 2 (i) ii)) 2bis", "·" for an unlabelled item.
    pub labels: String,
}

/// An instrument as the parser should report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedInstrument {
    pub number: Option<String>,
    /// `None` when the instrument does not say (the parser may fill it in from the rest of the document).
    pub body: Option<String>,
    /// The summary section that quotes it ("2.6"); `None` in a full text.
    pub section: Option<String>,
    pub blocks: Vec<ExpectedBlock>,
    pub sections: usize,
    pub annexes: usize,
}

/// A generated text corpus and what it contains.
#[derive(Debug, Clone)]
pub struct TextCorpus {
    pub text: String,
    pub instruments: Vec<ExpectedInstrument>,
    /// Rows of the flattened reference tables.
    pub reference_rows: usize,
}

/// A generated .docx and what it contains.
#[derive(Debug, Clone)]
pub struct DocxCorpus {
    pub bytes: Vec<u8>,
    /// Size of `word/document.xml`, uncompressed.
    pub document_xml_bytes: usize,
    pub instruments: Vec<ExpectedInstrument>,
    pub footnotes: usize,
}

/// Documents of many sizes that together hold at least `total_bytes` of text, a pure function of `seed`: the
/// corpus a secretariat ingests one file at a time, from a single resolution to a conference's proceedings.
/// Each is a [`text_corpus`] of its own seed; sizes are drawn evenly on a log scale from 16 KB to 2 MB (about
/// 400 KB on average).
///
/// ```
/// let docs = mandates_bench::text_documents(7, 3_000_000);
/// assert!(docs.iter().map(String::len).sum::<usize>() >= 3_000_000);
/// assert!(docs.len() > 1 && docs.iter().all(|d| d.len() >= 16_000 && d.len() < 2_100_000));
/// ```
pub fn text_documents(seed: u64, total_bytes: usize) -> Vec<String> {
    const SMALLEST: f64 = 16_000.0;
    const LARGEST: f64 = 2_000_000.0;
    let mut rng = Rng::new(seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < total_bytes {
        let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
        let size = (SMALLEST * (LARGEST / SMALLEST).powf(u)) as usize;
        let doc = text_corpus(rng.next_u64(), size);
        total += doc.len();
        docs.push(doc);
    }
    docs
}

/// At least `target_bytes` of resolutions as text (UTF-8, LF line ends), a pure function of `seed`.
pub fn text_corpus(seed: u64, target_bytes: usize) -> String {
    generate_text(seed, target_bytes).text
}

/// A valid .docx whose `word/document.xml` holds at least `target_document_xml_bytes`.
pub fn docx_corpus(seed: u64, target_document_xml_bytes: usize) -> Vec<u8> {
    generate_docx(seed, target_document_xml_bytes).bytes
}

/// [`text_corpus`] with the instruments it wrote. About a third of the bytes are summaries, the rest full
/// texts (a summary cannot follow a full text: in a full text, numbered lines are clauses).
pub fn generate_text(seed: u64, target_bytes: usize) -> TextCorpus {
    let mut g = Gen::new(seed, TextSink { out: String::with_capacity(target_bytes + 64 * 1024) }, false);
    let summaries = target_bytes / 3;
    while g.sink.len() < summaries {
        g.summary();
    }
    while g.sink.len() < target_bytes {
        g.any_full_text();
    }
    TextCorpus { text: g.sink.out, instruments: g.expected, reference_rows: g.reference_rows }
}

/// Exactly `count` full texts of resolutions and decisions (PP, WTSA, WTDC, WRC, Council, UN General
/// Assembly, in the proportions of [`generate_text`]) and no summary: a document of the registry load test.
///
/// Numbers are drawn from each body's range, so that documents of different seeds share instruments (revisions
/// and repeats of the same resolution), unless `first_number` is given: then the instruments are numbered from
/// it one after the other (UN resolutions keep their session: "70/5000"), so that documents generated with
/// disjoint ranges share no instrument. From 10,000 a UN resolution's serial number carries into its session
/// ("80/0" for 10,000, "82/6952" for 36,952, past the drawn sessions 60 to 79), as the parser reads at most four
/// digits after the session.
///
/// ```
/// let c = mandates_bench::generate_resolutions(3, 25, Some(5000));
/// assert_eq!(c.instruments.len(), 25);
/// assert_eq!(c.instruments[0].number.as_deref().map(|n| n.ends_with("5000")), Some(true));
/// ```
pub fn generate_resolutions(seed: u64, count: usize, first_number: Option<usize>) -> TextCorpus {
    let mut g = Gen::new(seed, TextSink { out: String::with_capacity(count * 6 * 1024) }, false);
    g.serial = first_number;
    while g.expected.len() < count {
        g.any_full_text();
    }
    TextCorpus { text: g.sink.out, instruments: g.expected, reference_rows: 0 }
}

/// [`docx_corpus`] with the instruments and footnotes it wrote.
pub fn generate_docx(seed: u64, target_document_xml_bytes: usize) -> DocxCorpus {
    let sink = DocxSink {
        xml: String::with_capacity(target_document_xml_bytes + 64 * 1024),
        footnotes: Vec::new(),
        rsid: 0x00AA_1264,
        tables: 0,
    };
    let mut g = Gen::new(seed, sink, true);
    g.sink.xml.push_str(DOCUMENT_START);
    g.sink.table(&[
        &["International Telecommunication Union", "ITU-T"],
        &["TELECOMMUNICATION STANDARDIZATION SECTOR OF ITU", "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY"],
    ]);
    g.sink.para(Style::Normal, "FOREWORD");
    g.sink.para(
        Style::Normal,
        "The International Telecommunication Union (ITU) is the United Nations specialized agency in the field of telecommunications, information and communication technologies (ICTs).",
    );
    let mut n = 0;
    while g.sink.xml.len() < target_document_xml_bytes {
        g.any_full_text();
        n += 1;
        if n % 7 == 0 {
            let sg = g.rng.range(2, 20).to_string();
            let lead = g.rng.pick(STUDY_SUBJECTS).to_string();
            g.sink.table(&[&["Study group", "Lead study group for"], &[&format!("SG{sg}"), &lead]]);
        }
    }
    g.sink.xml.push_str(DOCUMENT_END);
    let footnotes = g.sink.footnotes.len();
    let document_xml_bytes = g.sink.xml.len();
    let bytes = write_docx(&g.sink.xml, &footnotes_xml(&g.sink.footnotes));
    DocxCorpus { bytes, document_xml_bytes, instruments: g.expected, footnotes }
}

// ---------------------------------------------------------------------------------------------------------
// Output: text lines or Word paragraphs.

/// Word paragraph styles of ITU documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Normal,
    ResNo,
    Restitle,
    Resref,
    Normalaftertitle,
    Call,
    Enumlev1,
    Enumlev2,
    SectionNo,
    Sectiontitle,
    AnnexNo,
    Annextitle,
}

impl Style {
    fn id(self) -> Option<&'static str> {
        Some(match self {
            Style::Normal => return None,
            Style::ResNo => "ResNo",
            Style::Restitle => "Restitle",
            Style::Resref => "Resref",
            Style::Normalaftertitle => "Normalaftertitle0",
            Style::Call => "Call",
            Style::Enumlev1 => "enumlev1",
            Style::Enumlev2 => "enumlev2",
            Style::SectionNo => "SectionNo",
            Style::Sectiontitle => "Sectiontitle",
            Style::AnnexNo => "AnnexNo",
            Style::Annextitle => "Annextitle",
        })
    }
}

/// Marks a footnote reference in a paragraph given to [`DocxSink`].
const FOOTNOTE: char = '\u{E000}';

trait Sink {
    fn para(&mut self, style: Style, text: &str);
    fn blank(&mut self);
    fn len(&self) -> usize;
}

struct TextSink {
    out: String,
}

impl Sink for TextSink {
    fn para(&mut self, _style: Style, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
    fn blank(&mut self) {
        self.out.push('\n');
    }
    fn len(&self) -> usize {
        self.out.len()
    }
}

struct DocxSink {
    xml: String,
    footnotes: Vec<String>,
    rsid: u32,
    tables: usize,
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DOCUMENT_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\r\n",
    r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#
);
const DOCUMENT_END: &str = concat!(
    r#"<w:sectPr><w:pgSz w:w="11907" w:h="16834" w:code="9"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#,
    "</w:body></w:document>"
);

impl DocxSink {
    fn next_rsid(&mut self) -> u32 {
        self.rsid = self.rsid.wrapping_mul(1_103_515_245).wrapping_add(12_345) & 0x00FF_FFFF;
        self.rsid
    }

    fn open_p(&mut self, style: Style) {
        let rsid = self.next_rsid();
        self.xml.push_str(&format!(r#"<w:p w:rsidR="{rsid:08X}" w:rsidRDefault="{rsid:08X}"><w:pPr>"#));
        if let Some(id) = style.id() {
            self.xml.push_str(r#"<w:pStyle w:val=""#);
            self.xml.push_str(id);
            self.xml.push_str(r#""/>"#);
        }
        self.xml.push_str(r#"<w:rPr><w:lang w:val="en-GB"/></w:rPr></w:pPr>"#);
    }

    /// Runs of `text`: a new run every few words, tabs, non-breaking hyphens and footnote references as
    /// their own elements, XML escaped (curly apostrophes sometimes as character references).
    fn runs(&mut self, text: &str) {
        let mut in_t = false;
        let mut words = 0;
        self.xml.push_str(r#"<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr>"#);
        for c in text.chars() {
            let special = matches!(c, '\t' | '\u{2011}' | FOOTNOTE);
            if special && in_t {
                self.xml.push_str("</w:t>");
                in_t = false;
            }
            match c {
                '\t' => self.xml.push_str("<w:tab/>"),
                '\u{2011}' => self.xml.push_str("<w:noBreakHyphen/>"),
                FOOTNOTE => {
                    let id = self.footnotes.len() + 1;
                    self.footnotes.push(FOOTNOTE_TEXTS[id % FOOTNOTE_TEXTS.len()].to_owned());
                    self.xml.push_str(&format!(
                        r#"</w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr>"#
                    ));
                }
                _ => {
                    if !in_t {
                        self.xml.push_str(r#"<w:t xml:space="preserve">"#);
                        in_t = true;
                    }
                    match c {
                        '&' => self.xml.push_str("&amp;"),
                        '<' => self.xml.push_str("&lt;"),
                        '>' => self.xml.push_str("&gt;"),
                        '’' if words % 3 == 0 => self.xml.push_str("&#8217;"),
                        c => self.xml.push(c),
                    }
                    if c == ' ' {
                        words += 1;
                        if words % 9 == 0 {
                            let rsid = self.next_rsid();
                            self.xml.push_str(&format!(
                                r#"</w:t></w:r><w:r w:rsidR="{rsid:08X}"><w:rPr><w:lang w:val="en-GB"/></w:rPr>"#
                            ));
                            in_t = false;
                        }
                    }
                }
            }
        }
        if in_t {
            self.xml.push_str("</w:t>");
        }
        self.xml.push_str("</w:r>");
    }

    /// A table of one paragraph per cell.
    fn table(&mut self, rows: &[&[&str]]) {
        self.tables += 1;
        let cols = rows.iter().map(|r| r.len()).max().unwrap_or(1);
        self.xml.push_str(
            r#"<w:tbl><w:tblPr><w:tblW w:w="9948" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
        );
        for _ in 0..cols {
            self.xml.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, 9948 / cols));
        }
        self.xml.push_str("</w:tblGrid>");
        for row in rows {
            self.xml.push_str("<w:tr>");
            for cell in row.iter() {
                self.xml.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>"#, 9948 / cols));
                self.open_p(Style::Normal);
                self.runs(cell);
                self.xml.push_str("</w:p></w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }
}

impl Sink for DocxSink {
    fn para(&mut self, style: Style, text: &str) {
        self.open_p(style);
        // A label before its tab is its own (italic) run, as Word writes "a)".
        match text.split_once('\t') {
            Some((label, rest)) if !label.is_empty() && label.len() <= 12 && !label.contains(' ') => {
                self.xml.push_str(r#"<w:r><w:rPr><w:i/><w:iCs/><w:lang w:val="en-GB"/></w:rPr><w:t>"#);
                self.xml.push_str(label);
                self.xml.push_str("</w:t></w:r>");
                self.runs(&format!("\t{rest}"));
            }
            _ => self.runs(text),
        }
        self.xml.push_str("</w:p>");
    }
    fn blank(&mut self) {
        self.open_p(Style::Normal);
        self.xml.push_str("</w:p>");
    }
    fn len(&self) -> usize {
        self.xml.len()
    }
}

fn footnotes_xml(footnotes: &[String]) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
    );
    for (i, text) in footnotes.iter().enumerate() {
        xml.push_str(&format!(
            r#"<w:footnote w:id="{}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:tab/><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:footnote>"#,
            i + 1,
            text.replace('&', "&amp;")
        ));
    }
    xml.push_str("</w:footnotes>");
    xml
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;

fn styles_xml() -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#
    );
    for id in [
        "ResNo",
        "Restitle",
        "Resref",
        "Normalaftertitle0",
        "Call",
        "enumlev1",
        "enumlev2",
        "SectionNo",
        "Sectiontitle",
        "AnnexNo",
        "Annextitle",
        "FootnoteText",
    ] {
        xml.push_str(&format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{id}"/><w:basedOn w:val="Normal"/></w:style>"#
        ));
    }
    xml.push_str(r#"<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"#);
    xml
}

/// A .docx holding these parts, deflated.
pub fn write_docx(document_xml: &str, footnotes_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(false);
    let styles = styles_xml();
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document_xml),
        ("word/styles.xml", &styles),
        ("word/footnotes.xml", footnotes_xml),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).expect("writing to memory");
        zip.write_all(content.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// A small .docx of one paragraph per line of `text` (tabs and U+2011 as Word writes them): for fuzz seeds.
pub fn docx_from_lines(text: &str) -> Vec<u8> {
    let mut sink = DocxSink { xml: String::from(DOCUMENT_START), footnotes: Vec::new(), rsid: 1, tables: 0 };
    for line in text.lines() {
        sink.para(Style::Normal, line);
    }
    sink.xml.push_str(DOCUMENT_END);
    write_docx(&sink.xml, &footnotes_xml(&[]))
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary, from the real documents.

const BR: &str = "Director BR";
const TSB: &str = "Director TSB";
const BDT: &str = "Director BDT";
const SG: &str = "Secretary-General";
const MS: &str = "Member States";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Pp,
    Wtsa,
    Wtdc,
    Wrc,
    Council,
    Unga,
}

const PP_TITLES: &[&str] = &[
    "Strengthening the role of ITU in building confidence and security in the use of information and communication technologies",
    "Strengthening the ITU regional presence",
    "Non-discriminatory access to modern telecommunication/information and communication technology facilities, services and applications, including applied research and transfer of technology, and e-meetings, on mutually agreed terms",
    "Internet Protocol-based networks",
    "ITU’s role with regard to international public policy issues pertaining to the Internet and the management of Internet resources, including domain names and addresses",
    "Bridging the standardization gap between developing and developed countries",
    "ITU’s role in implementing the outcomes of the World Summit on the Information Society and the 2030 Agenda for Sustainable Development",
    "Use of the six official languages of the Union on an equal footing",
    "Strengthening capabilities for ITU to hold electronic meetings and means to advance the work of the Union",
    "Combating counterfeit telecommunication/information and communication technology devices",
    "Strategy for the coordination of efforts among the three Sectors of the Union",
    "Protecting telecommunication service users/consumers",
    "Facilitating the Internet of Things and smart sustainable cities and communities",
    "Connect 2030 Agenda for global telecommunication/information and communication technology, including broadband, for sustainable development",
    "Use of information and communication technologies to bridge the financial inclusion gap",
    "Artificial intelligence and telecommunications/information and communication technologies",
    "Role of telecommunications/information and communication technologies in mitigating global pandemics",
    "Appointment and maximum term of office for chairmen and vice-chairmen of Sector advisory groups, study groups and other groups",
];
const WTSA_TITLES: &[&str] = &[
    "Rules of procedure of the ITU Telecommunication Standardization Sector",
    "ITU Telecommunication Standardization Sector study group responsibility and mandates",
    "Bridging the standardization gap between developing and developed countries",
    "Cybersecurity",
    "Countering and combating spam",
    "Creation of, and assistance to, regional groups",
    "Evolving role of industry in the ITU Telecommunication Standardization Sector",
    "Information and communication technologies, environment, climate change and circular economy",
    "Open source in the ITU Telecommunication Standardization Sector",
    "Enhancing the standardization of Internet of things and smart cities and communities for global development",
    "Strengthening electronic working methods for the work of the ITU Telecommunication Standardization Sector",
];
const WTDC_TITLES: &[&str] = &[
    "Bridging the digital divide",
    "Mechanisms for enhancing cooperation on cybersecurity, including countering and combating spam",
    "Implementation of regional initiatives at the national, regional, interregional and global levels",
    "The role of telecommunications/information and communication technologies in disaster preparedness, early warning, rescue, mitigation, relief and response",
    "Assistance to developing countries in implementing conformance and interoperability programmes",
];
const WRC_TITLES: &[&str] = &[
    "Development of national radio-frequency management",
    "General review of the resolutions and recommendations of world administrative radio conferences and world radiocommunication conferences",
    "Due diligence in applying the principles embodied in the Constitution",
    "Use of the frequency band 5 725-5 850 MHz by the fixed-satellite service",
];
const COUNCIL_TITLES: &[&str] = &[
    "Role of the Council Working Group on international Internet-related public policy issues",
    "ITU’s role in the implementation of the outcomes of the World Summit on the Information Society",
    "Council Working Group on international Internet-related public policy issues",
    "Working Group of the Council on financial and human resources",
];
const UN_TITLES: &[&str] = &[
    "Transforming our world: the 2030 Agenda for Sustainable Development",
    "Information and communications technologies for sustainable development",
    "Outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society",
    "Developments in the field of information and telecommunications in the context of international security",
];

const OBJECTS: &[&str] = &[
    "the regional presence as an extension of ITU as a whole",
    "the implementation of this resolution",
    "building confidence and security in the use of ICTs",
    "the Global Network Resiliency Platform",
    "conformity assessment and interoperability programmes",
    "bridging the standardization gap between developing and developed countries",
    "digital financial services, including interoperability, digitization of payments and consumer protection",
    "the Internet of Things and smart sustainable cities and communities",
    "counterfeit and tampered telecommunication/ICT devices",
    "the reduction of GHG emissions and the mitigation of climate change effects",
    "emergency telecommunications and National Telecommunication Emergency Plans (NTEP)",
    "telecommunication/ICT accessibility for persons with disabilities",
    "the exchange of best practices with all relevant standards development organizations",
    "capacity building in the standardization field, including through collaboration with academia",
    "the participation of regional and area office staff in ITU conferences, assemblies and meetings",
    "the ITU‑T study groups and their work on cybersecurity",
    "the availability of expertise from the three ITU Sectors in the regional and area offices",
    "the activities of BR, TSB and BDT in the regional and area offices",
    "AI technologies in support of telecommunications/ICTs",
    "the work of CWG-Internet and CWG-WSIS&SDG",
    "IP-based networks and the migration to future networks",
    "the U4SSC key performance indicators for smart sustainable cities",
];
const TO_VERBS: &[&str] = &[
    "to continue",
    "to take measures to further strengthen",
    "to report annually to the Council on",
    "to assist Member States, particularly developing countries, in",
    "to promote",
    "to facilitate the exchange of information on",
    "to encourage the participation of developing countries in",
    "to support",
    "to cooperate and coordinate with the relevant organizations on",
    "to develop and disseminate standards, guidelines and best practices on",
    "to identify focal points to coordinate",
    "to review and determine the appropriate resources for",
    "to continue to provide a platform for ICT regulators, policy makers and other stakeholders on",
    "to submit to the next Plenipotentiary Conference a report on",
    "to provide assistance, if requested, to Member States on",
    "to institute a framework for",
    "to intensify work within existing ITU‑T study groups on",
    "to organize workshops and seminars for the ITU membership on",
];
const THAT_SUBJECTS: &[&str] = &[
    "ITU",
    "the ITU Telecommunication Standardization Sector (ITU‑T)",
    "telecommunications/ICTs",
    "the digital divide",
    "many developing countries",
    "the study groups of the three Sectors",
    "the Global Cybersecurity Agenda",
    "the regional and area offices",
    "the 2030 Agenda for Sustainable Development",
    "the Inter-Sector Coordination Group (ISCG)",
    "the Secretary‑General",
];
const THAT_PREDICATES: &[&str] = &[
    "has partnered with more than 40 other United Nations agencies to convene the “AI for Good” platform",
    "plays a key role in building confidence and security in the use of ICTs",
    "continues to develop Recommendations, Supplements and Technical Reports",
    "is already under way across ITU, including through study groups, focus groups and capacity-building activities",
    "remains a priority for the membership",
    "requires internal coordination within ITU",
    "depends on the availability of expertise from the three ITU Sectors",
    "should continue to serve as a platform of information sharing for the various activities and initiatives",
    "shall fully embrace and promote the opportunities for telecommunication/ICT development",
    "has identified common areas where work is to be done",
];
const QUALIFIERS: &[&str] = &[
    ", taking into account new and emerging telecommunication/ICT services and technologies",
    ", in close collaboration with relevant standards development organizations and entities",
    ", within existing budgetary resources",
    ", in line with WSIS Action Line C5",
    ", in accordance with Resolution 50 (Rev. Geneva, 2022) of the World Telecommunication Standardization Assembly",
    ", as described in No. 191C of the Convention",
    ", consistent with Article 13 of the Constitution",
    ", based on Recommendation ITU‑T A.1",
    ", and to contribute to ITU‑D Question 3/2",
    ", as proposed in document C-188-R1",
    ", as reported to TSAG in TD/83",
    ", recalling United Nations General Assembly resolution A/RES/73/6",
    ", within the financial plan of CHF 651.7 million for the period 2024-2027",
    ", bearing in mind the contributory unit of CHF 318 000",
    ", noting that Member States contribute 343 11/16 units",
    ", in particular developing countries, including least developed countries, small island developing states and landlocked developing countries",
    ", and to make proposals as appropriate",
    ", with the appropriate input from Member States, Sector Members and the General Secretariat",
    ", taking into account Resolution 71 (Rev. Bucharest, 2022) and Council Resolution 1305",
    ", in accordance with Articles 17, 18 and 19 of the Constitution",
    ", in cooperation with the ITU Academy Training Centres",
    ", in line with Resolution 25 (Rev. Bucharest, 2022) of the Plenipotentiary Conference",
    ", drawing on the outputs of ITU‑T Study Group\u{a0}17",
    ", including the ITU‑T Study Group\u{a0}5 work on the circular economy",
    ", while hiring specialized staff on an as-needed basis",
    ", and to the 2024 session of Council",
    ", and to WTSA-24 in New Delhi",
    ", with an estimated cost of CHF 1.2 million over the period",
    ", as set out in Resolution 37 (Rev. Kigali, 2022) and Resolution 7 (Rev.WRC-19)",
];
const CONTINUATIONS: &[&str] = &[
    "and to report on the progress achieved to the next session of the Council, taking into account the contributions of the membership;",
    "as well as the necessary expertise, and to submit proposals to strengthen cooperation with the relevant regional and UN organizations;",
    "and to share the results with the membership through the ITU website;",
];
const STUDY_SUBJECTS: &[&str] = &[
    "Operational aspects of service provision and telecommunication management",
    "Economic and policy issues",
    "Environment, EMF and circular economy",
    "Broadband cable and TV",
    "Protocols, testing specifications and combating counterfeiting",
    "Future networks and emerging network technologies",
    "Security",
    "Internet of things and smart cities and communities",
];
const FOOTNOTE_TEXTS: &[&str] = &[
    "Previously published (Geneva, 1956 and 1958; New Delhi, 1960; Geneva, 1964; Mar del Plata, 1968).",
    "These include the least developed countries, small island developing states, landlocked developing countries and countries with economies in transition.",
    "See requests the ITU Council 3 below.",
    "In accordance with No. 191C of the Convention & Article 13 of the Constitution.",
];
const NAMES: &[(&str, &str)] = &[
    ("Mr Onoe Seizo", "Japan"),
    ("Ms Doreen Bogdan-Martin", "United States"),
    ("Mr Tomas Lamanauskas", "Lithuania"),
    ("Mr Mario Maniewicz", "Uruguay"),
    ("Mr Cosmas Luckyson Zavazava", "Zimbabwe"),
];
const FOCAL_POINTS: &[&str] = &[
    "Jinu Um",
    "Robert Clark",
    "Alexandra Gaspari",
    "Florence Tunzi",
    "Martin Adolph",
    "Hugues Depoisier",
    "Reinhard Scholl",
    "Simao Campos",
];

/// Operative headings: text, reported verb, addressees, partners, bodies that use it (empty: any but UN).
type Heading = (&'static str, &'static str, &'static [&'static str], &'static [&'static str], &'static [Body]);
const OPERATIVE: &[Heading] = &[
    ("resolves", "resolves", &[], &[], &[]),
    ("further resolves", "further resolves", &[], &[], &[]),
    ("decides", "decides", &[], &[], &[]),
    (
        "resolves to instruct the Director of the Telecommunication Standardization Bureau",
        "resolves to instruct",
        &[TSB],
        &[],
        &[Body::Pp, Body::Wtsa],
    ),
    (
        "resolves to instruct the Secretary-General and the Directors of the three Bureaux",
        "resolves to instruct",
        &[SG, BR, TSB, BDT],
        &[],
        &[Body::Pp],
    ),
    (
        "instructs the Director of the Telecommunication Standardization Bureau",
        "instructs",
        &[TSB],
        &[],
        &[Body::Pp, Body::Wtsa],
    ),
    (
        "instructs the Director of the Telecommunication Development Bureau, in close cooperation with the Secretary-General",
        "instructs",
        &[BDT],
        &[SG],
        &[Body::Pp, Body::Wtdc],
    ),
    ("instructs the Director of the Radiocommunication Bureau", "instructs", &[BR], &[], &[Body::Pp, Body::Wrc]),
    (
        "instructs the Secretary-General, in close consultation with the Directors of the three Bureaux",
        "instructs",
        &[SG],
        &[BR, TSB, BDT],
        &[Body::Pp, Body::Council],
    ),
    (
        "instructs the Secretary\u{2011}General and the Directors of the three Bureaux",
        "instructs",
        &[SG, BR, TSB, BDT],
        &[],
        &[Body::Pp],
    ),
    ("instructs the Directors of the three Bureaux", "instructs", &[BR, TSB, BDT], &[], &[Body::Pp]),
    (
        "instructs the Directors of the Radiocommunication Bureau and the Telecommunication Standardization Bureau",
        "instructs",
        &[BR, TSB],
        &[],
        &[Body::Pp],
    ),
    ("instructs the Council", "instructs", &["Council"], &[], &[Body::Pp]),
    (
        "instructs the relevant study groups of the ITU Telecommunication Standardization Sector in collaboration with relevant Study Groups of the ITU Telecommunication Development Sector",
        "instructs",
        &["ITU-T study groups"],
        &["ITU-D study groups"],
        &[Body::Pp, Body::Wtsa],
    ),
    (
        "instructs the Director of the Telecommunication Standardization Bureau, in collaboration with the Directors of the Telecommunication Development Bureau and the Radiocommunication Bureau",
        "instructs",
        &[TSB],
        &[BDT, BR],
        &[Body::Pp, Body::Wtsa],
    ),
    ("instructs the Telecommunication Standardization Advisory Group", "instructs", &["TSAG"], &[], &[Body::Wtsa]),
    (
        "further instructs the Director of the Telecommunication Standardization Bureau",
        "further instructs",
        &[TSB],
        &[],
        &[Body::Pp, Body::Wtsa],
    ),
    (
        "further instructs the Director of the Telecommunication Standardization Bureau and the Director of the Telecommunication Development Bureau, that each within the scope of their responsibilities:",
        "further instructs",
        &[TSB, BDT],
        &[],
        &[Body::Pp],
    ),
    ("instructs the Secretary-General", "instructs", &[SG], &[], &[Body::Council, Body::Pp]),
    ("invites Member States", "invites", &[MS], &[], &[]),
    ("invites Member States and Sector Members", "invites", &[MS, "Sector Members"], &[], &[]),
    ("invites", "invites", &[], &[], &[Body::Pp, Body::Wtsa]),
    ("invites the ITU Council", "invites", &["Council"], &[], &[Body::Wrc, Body::Pp]),
    ("requests the three Sectors", "requests", &["ITU-R", "ITU-T", "ITU-D"], &[], &[Body::Pp]),
    ("requests the Secretary-General", "requests", &[SG], &[], &[Body::Pp, Body::Council]),
    ("encourages Member States", "encourages", &[MS], &[], &[]),
    (
        "encourages Member States, Sector Members, Associates and Academia",
        "encourages",
        &[MS, "Sector Members", "Associates", "Academia"],
        &[],
        &[Body::Wtsa, Body::Wtdc],
    ),
    ("calls upon Member States and Sector Members", "calls upon", &[MS, "Sector Members"], &[], &[]),
];
const PREAMBULAR: &[(&str, &str)] = &[
    ("considering", "considering"),
    ("considering further", "considering further"),
    ("recalling", "recalling"),
    ("recognizing", "recognizing"),
    ("further recognizing", "further recognizing"),
    ("noting", "noting"),
    ("noting with concern", "noting with concern"),
    ("bearing in mind", "bearing in mind"),
    ("aware", "aware"),
    ("emphasizing", "emphasizing"),
    ("convinced", "convinced"),
    ("taking into account", "taking into account"),
    ("acknowledging", "acknowledging"),
    ("mindful", "mindful"),
];
/// UN preambular paragraphs: opening words and the verb the parser reports.
const UN_PREAMBLE: &[(&str, &str)] = &[
    (
        "Recalling its resolution 70/1 of 25 September 2015, entitled “Transforming our world: the 2030 Agenda for Sustainable Development”",
        "recalling",
    ),
    (
        "Reaffirming its resolution 70/125 of 16 December 2015 on the overall review of the implementation of the outcomes of the World Summit on the Information Society",
        "reaffirming",
    ),
    ("Bearing in mind the outcome of the United Nations Conference on Sustainable Development", "bearing in mind"),
    (
        "Deeply concerned by persistent inequalities in access to information and communications technologies",
        "deeply concerned",
    ),
    (
        "Noting with appreciation the work of the International Telecommunication Union and the Broadband Commission for Sustainable Development",
        "noting",
    ),
    (
        "Recognizing that information and communications technologies have the potential to provide new solutions to development challenges",
        "recognizing",
    ),
    (
        "Convinced that the digital divide can only be bridged through the concerted efforts of all stakeholders",
        "convinced",
    ),
    ("Taking note of the report of the Secretary-General (A/78/62-E/2023/49)", "taking note of"),
    ("Welcoming the efforts of Member States in the implementation of resolution A/RES/73/6", "welcoming"),
];
const UN_OPERATIVE: &[&str] = &[
    "Decides to adopt the outcome document",
    "Requests the Secretary-General to submit to the General Assembly at its seventy-ninth session a report on the implementation of the present resolution",
    "Calls upon Member States to continue to implement the outcomes of the World Summit on the Information Society",
    "Invites the International Telecommunication Union to continue to support Member States in their efforts",
    "Encourages all stakeholders to strengthen cooperation on the development of affordable broadband",
    "Emphasizes the importance of capacity-building in developing countries",
    "Urges Member States to close the digital divide, including the gender digital divide",
];

// ---------------------------------------------------------------------------------------------------------
// The generator.

/// A label tree as the integration tests of core write it.
#[derive(Debug, Clone, Default)]
struct Node {
    label: String,
    kids: Vec<Node>,
}

fn format_labels(items: &[Node]) -> String {
    items
        .iter()
        .map(|n| if n.kids.is_empty() { n.label.clone() } else { format!("{} ({})", n.label, format_labels(&n.kids)) })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strings(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

const LETTERS: &[&str] = &["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)", "k)"];
const ROMANS: &[&str] = &["i)", "ii)", "iii)", "iv)", "v)"];

struct Gen<S: Sink> {
    rng: Rng,
    sink: S,
    expected: Vec<ExpectedInstrument>,
    docx: bool,
    reference_rows: usize,
    hlk: u64,
    /// Numbers for the instruments, one after the other, instead of drawn from each body's range.
    serial: Option<usize>,
}

impl<S: Sink> Gen<S> {
    fn new(seed: u64, sink: S, docx: bool) -> Self {
        Self {
            rng: Rng::new(seed),
            sink,
            expected: Vec::new(),
            docx,
            reference_rows: 0,
            hlk: 120_876_971,
            serial: None,
        }
    }

    fn next_serial(&mut self) -> Option<usize> {
        let n = self.serial?;
        self.serial = Some(n + 1);
        Some(n)
    }

    /// "[bookmark: _Hlk120894865]" before some lines of text (not in .docx, where bookmarks are elements).
    fn bookmark(&mut self) -> String {
        if self.docx || !self.rng.percent(15) {
            return String::new();
        }
        self.hlk += self.rng.range(1, 40_000) as u64;
        format!("[bookmark: _Hlk{}]", self.hlk)
    }

    /// Words from `start` until the text is between `min` and `max` bytes, without final punctuation.
    fn sentence(&mut self, start: &str, min: usize, max: usize) -> String {
        let target = self.rng.range(min, max);
        let mut s = String::with_capacity(target + 160);
        s.push_str(start);
        s.push(' ');
        s.push_str(self.rng.pick::<&str>(OBJECTS));
        while s.len() < target {
            let q = *self.rng.pick(QUALIFIERS);
            if s.len() + q.len() > max + 40 {
                break;
            }
            s.push_str(q);
        }
        if self.docx && self.rng.percent(4) {
            s.push(FOOTNOTE);
        }
        s
    }

    fn infinitive_item(&mut self) -> String {
        let verb = *self.rng.pick(TO_VERBS);
        self.sentence(verb, 100, 560)
    }

    fn that_item(&mut self) -> String {
        let subject = *self.rng.pick(THAT_SUBJECTS);
        let predicate = *self.rng.pick(THAT_PREDICATES);
        let start = format!("that {subject} {predicate}, including on");
        self.sentence(&start, 100, 560)
    }

    fn end(&mut self, last: bool) -> &'static str {
        if last {
            if self.rng.percent(50) { "," } else { "." }
        } else if self.rng.percent(90) {
            ";"
        } else {
            ","
        }
    }

    /// A preambular block: heading, lettered items (or one plain paragraph).
    fn preambular_block(&mut self, plain: bool) -> ExpectedBlock {
        let (heading, verb) = *self.rng.pick(PREAMBULAR);
        self.sink.para(Style::Call, heading);
        let mut nodes = Vec::new();
        if plain {
            let text = self.sentence("the outcomes of the World Summit on the Information Society and", 100, 400);
            self.sink.para(Style::Normal, &format!("{text},"));
            nodes.push(Node { label: "·".into(), kids: vec![] });
        } else {
            let n = self.rng.range(1, 9);
            let mut k = 0;
            while k < n {
                let label = LETTERS[k].to_owned();
                let text = self.that_item();
                let end = self.end(k + 1 == n);
                self.sink.para(Style::Normal, &format!("{label}\t{text}{end}"));
                nodes.push(Node { label: label.clone(), kids: vec![] });
                if label == "b)" && self.rng.percent(20) {
                    let text = self.that_item();
                    self.sink.para(Style::Normal, &format!("b)bis\t{text};"));
                    nodes.push(Node { label: "b)bis".into(), kids: vec![] });
                }
                if self.rng.percent(5) {
                    let c = *self.rng.pick(CONTINUATIONS);
                    self.sink.para(Style::Normal, c);
                }
                k += 1;
            }
        }
        ExpectedBlock { verb: Some(verb.into()), addressees: vec![], partners: vec![], labels: format_labels(&nodes) }
    }

    fn pick_heading(&mut self, body: Body) -> Heading {
        loop {
            let h = *self.rng.pick(OPERATIVE);
            if h.4.is_empty() || h.4.contains(&body) {
                return h;
            }
        }
    }

    /// Sub-items of an item that ends with ":": romans, letters or dashes, maybe with dashes below.
    fn sub_items(&mut self, parent: &mut Node) {
        let n = self.rng.range(2, 4);
        let kind = self.rng.below(3);
        let style = Style::Enumlev1;
        for k in 0..n {
            let label = match kind {
                0 => ROMANS[k].to_owned(),
                1 => LETTERS[k].to_owned(),
                _ => "–".to_owned(),
            };
            let text = self.sentence("address", 100, 300);
            let end = if k + 1 == n { ";" } else { "," };
            self.sink.para(style, &format!("{label}\t{text}{end}"));
            let mut node = Node { label, kids: vec![] };
            if kind == 0 && self.rng.percent(15) {
                for _ in 0..2 {
                    let text = self.sentence("promoting", 100, 200);
                    self.sink.para(Style::Enumlev2, &format!("–\t{text};"));
                    node.kids.push(Node { label: "–".into(), kids: vec![] });
                }
            }
            parent.kids.push(node);
        }
    }

    /// An operative block. `gappy`: a summary quotes some items only, with their original numbers.
    fn operative_block(&mut self, body: Body, gappy: bool, last: bool) -> ExpectedBlock {
        let (heading, verb, addressees, partners, _) = self.pick_heading(body);
        let tab = if gappy && self.rng.percent(10) { "\t" } else { "" };
        self.sink.para(Style::Call, &format!("{tab}{heading}"));
        if gappy && self.rng.percent(40) {
            self.sink.blank();
        }
        let that = matches!(verb, "resolves" | "further resolves" | "decides");
        let mut nodes: Vec<Node> = Vec::new();
        if self.rng.percent(15) {
            // One unlabelled item, perhaps with sub-items ("to intensify work ... in order to:").
            let mut node = Node { label: "·".into(), kids: vec![] };
            if self.rng.percent(50) {
                self.sink
                    .para(Style::Normal, "to intensify work within existing ITU\u{2011}T study groups in order to:");
                self.sub_items(&mut node);
            } else {
                let text = if that { self.that_item() } else { self.infinitive_item() };
                let end = self.end(last);
                self.sink.para(Style::Normal, &format!("{text}{end}"));
            }
            nodes.push(node);
        } else {
            let n = self.rng.range(1, 8);
            let numbers: Vec<usize> = if gappy {
                let mut pool: Vec<usize> = (1..=14).collect();
                let mut chosen = Vec::new();
                for _ in 0..n {
                    let i = self.rng.below(pool.len());
                    chosen.push(pool.remove(i));
                }
                chosen.sort_unstable();
                chosen
            } else {
                (1..=n).collect()
            };
            for (k, number) in numbers.iter().enumerate() {
                let is_last = k + 1 == numbers.len();
                let mut labels = vec![number.to_string()];
                if !gappy && self.rng.percent(8) {
                    labels.push(format!("{number}bis"));
                }
                for label in labels {
                    let mut node = Node { label: label.clone(), kids: vec![] };
                    if self.rng.percent(12) {
                        let text = self.infinitive_item();
                        self.sink.para(Style::Normal, &format!("{label}\t{text}, in order to:"));
                        self.sub_items(&mut node);
                    } else {
                        let text = if verb == "invites" && addressees.is_empty() && !gappy {
                            self.sentence(
                                "RAG, TSAG and TDAG to continue to assist ISCG in identifying subjects of mutual interest to the three Sectors, and",
                                150,
                                400,
                            )
                        } else if that {
                            self.that_item()
                        } else {
                            self.infinitive_item()
                        };
                        let end = self.end(last && is_last);
                        self.sink.para(Style::Normal, &format!("{label}\t{text}{end}"));
                        if self.rng.percent(4) {
                            let c = *self.rng.pick(CONTINUATIONS);
                            self.sink.para(Style::Normal, c);
                        }
                    }
                    nodes.push(node);
                }
            }
        }
        ExpectedBlock {
            verb: Some(verb.into()),
            addressees: strings(addressees),
            partners: strings(partners),
            labels: format_labels(&nodes),
        }
    }

    fn any_full_text(&mut self) {
        let body = match self.rng.below(20) {
            0..=6 => Body::Pp,
            7..=10 => Body::Wtsa,
            11..=13 => Body::Wtdc,
            14..=15 => Body::Wrc,
            16..=17 => Body::Council,
            _ => Body::Unga,
        };
        if body == Body::Unga {
            self.un_resolution();
        } else {
            self.full_text(body);
        }
    }

    /// "RESOLUTION 130 (REV. BUCHAREST, 2022)", title, enacting formula, blocks, sections, annexes.
    fn full_text(&mut self, body: Body) {
        let caps = !self.docx || self.rng.percent(60);
        let kind = if body == Body::Pp && self.rng.percent(10) { "Decision" } else { "Resolution" };
        let number = match body {
            Body::Council => self.rng.range(1000, 1420).to_string(),
            Body::Wrc | Body::Wtdc => self.rng.range(1, 99).to_string(),
            _ => self.rng.range(1, 220).to_string(),
        };
        let number = self.next_serial().map_or(number, |n| n.to_string());
        let (revision, formula, titles) = match body {
            Body::Pp => {
                let (rev, place) = *self.rng.pick(&[
                    ("Rev. Bucharest, 2022", "Bucharest, 2022"),
                    ("Bucharest, 2022", "Bucharest, 2022"),
                    ("Rev. Dubai, 2018", "Dubai, 2018"),
                    ("Rev. Busan, 2014", "Busan, 2014"),
                ]);
                (
                    Some(rev),
                    format!("The Plenipotentiary Conference of the International Telecommunication Union ({place}),"),
                    PP_TITLES,
                )
            }
            Body::Wtsa => {
                let (rev, place) =
                    *self.rng.pick(&[("Rev. Geneva, 2022", "Geneva, 2022"), ("Rev. Hammamet, 2016", "Hammamet, 2016")]);
                (Some(rev), format!("The World Telecommunication Standardization Assembly ({place}),"), WTSA_TITLES)
            }
            Body::Wtdc => {
                let (rev, place) = *self
                    .rng
                    .pick(&[("Rev. Kigali, 2022", "Kigali, 2022"), ("Rev. Buenos Aires, 2017", "Buenos Aires, 2017")]);
                (Some(rev), format!("The World Telecommunication Development Conference ({place}),"), WTDC_TITLES)
            }
            Body::Wrc => {
                let (rev, place) = *self.rng.pick(&[
                    ("Rev.WRC-19", "Sharm el-Sheikh, 2019"),
                    ("Rev.WRC-23", "Dubai, 2023"),
                    ("WRC-15", "Geneva, 2015"),
                ]);
                (Some(rev), format!("The World Radiocommunication Conference ({place}),"), WRC_TITLES)
            }
            Body::Council | Body::Unga => (None, "The Council,".to_owned(), COUNCIL_TITLES),
        };
        let citation = match revision {
            Some(rev) => format!("{kind} {number} ({rev})"),
            None => format!("{kind} {number}"),
        };
        let citation = if caps { citation.to_uppercase() } else { citation };
        self.sink.para(Style::ResNo, &citation);
        if body == Body::Council {
            self.sink.para(Style::Normal, "(adopted at the ninth Plenary Meeting)");
        }
        let title = *self.rng.pick(titles);
        self.sink.para(Style::Restitle, title);
        // "(Hammamet, 2016)" under the title, with a footnote in Word, as in WTSA Resolution 1.
        if let Some(place) = formula.rsplit_once('(').map(|(_, p)| p.trim_end_matches("),"))
            && body != Body::Council
            && self.rng.percent(30)
        {
            let note = if self.docx && self.rng.percent(50) { FOOTNOTE.to_string() } else { String::new() };
            self.sink.para(Style::Resref, &format!("({place}){note}"));
        }
        self.sink.para(Style::Normalaftertitle, &formula);

        let mut blocks = Vec::new();
        for _ in 0..self.rng.range(1, 4) {
            let plain = body == Body::Council && self.rng.percent(50);
            blocks.push(self.preambular_block(plain));
        }
        let ops = self.rng.range(1, 5);
        let sections = if body == Body::Wtsa && self.rng.percent(30) { self.rng.range(1, 3) } else { 0 };
        let annexes = if body == Body::Pp && sections == 0 && self.rng.percent(25) { 1 } else { 0 };
        for k in 0..ops {
            blocks.push(self.operative_block(body, false, k + 1 == ops && sections + annexes == 0));
        }
        for s in 1..=sections {
            self.section(s);
        }
        if annexes > 0 {
            self.annex(&number);
        }
        let body_name = match body {
            Body::Pp => "PP",
            Body::Wtsa => "WTSA",
            Body::Wtdc => "WTDC",
            Body::Wrc => "WRC",
            Body::Council => "Council",
            Body::Unga => "UNGA",
        };
        self.expected.push(ExpectedInstrument {
            number: Some(number),
            body: Some(body_name.into()),
            section: None,
            blocks,
            sections,
            annexes,
        });
    }

    /// "SECTION 1", its title and clauses "1.1", "1.1.1", "1.2bis", notes.
    fn section(&mut self, s: usize) {
        self.sink.para(Style::SectionNo, &format!("SECTION {s}"));
        let title = *self.rng.pick(&[
            "General provisions",
            "Working methods of study groups",
            "Approval of Recommendations",
            "Telecommunication Standardization Advisory Group",
        ]);
        self.sink.para(Style::Sectiontitle, title);
        for c in 1..=self.rng.range(2, 6) {
            let text = self.sentence(
                "The Director of the Telecommunication Standardization Bureau shall maintain, in close cooperation with the study group chairmen,",
                120,
                500,
            );
            self.sink.para(Style::Normal, &format!("{s}.{c}\t{text}."));
            if self.rng.percent(30) {
                let text = self.sentence("Texts concerning", 100, 300);
                self.sink.para(Style::Normal, &format!("{s}.{c}.1\t{text}."));
            }
            if self.rng.percent(10) {
                self.sink.para(Style::Normal, &format!("{s}.{c}bis\tStudy groups may establish rapporteur groups."));
            }
            if self.rng.percent(10) {
                self.sink.para(
                    Style::Normal,
                    "NOTE – This clause applies mutatis mutandis to the Telecommunication Standardization Advisory Group.",
                );
            }
        }
    }

    fn annex(&mut self, number: &str) {
        if self.rng.percent(50) {
            self.sink.para(Style::AnnexNo, &format!("ANNEX TO RESOLUTION {number} (REV. BUCHAREST, 2022)"));
        } else {
            self.sink.para(Style::AnnexNo, "Annex A");
        }
        self.sink.para(Style::Annextitle, "List of WSIS Action Lines");
        for line in [
            "C1 The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
            "C2 Information and communication infrastructure",
            "C4 Capacity building",
            "C5 Building confidence and security in the use of ICTs",
            "C6 Enabling environment",
        ] {
            self.sink.para(Style::Enumlev1, &format!("–\t{line}"));
        }
    }

    /// A UN General Assembly resolution: inline preambular paragraphs, numbered operative paragraphs.
    fn un_resolution(&mut self) {
        let mut session = self.rng.range(60, 79);
        let mut number = format!("{session}/{}", self.rng.range(1, 320));
        if let Some(n) = self.next_serial() {
            // The parser reads at most four digits after the session (real numbers stop in the hundreds): from
            // 10,000 the serial number carries into the session, past the drawn ones, so numbers stay distinct.
            if n >= 10_000 {
                session = 79 + n / 10_000;
            }
            number = format!("{session}/{}", n % 10_000);
        }
        let day = self.rng.range(1, 28);
        let month = *self.rng.pick(&["September", "October", "November", "December"]);
        let year = 1945 + session;
        self.sink.para(Style::Normal, &format!("Resolution adopted by the General Assembly on {day} {month} {year}"));
        self.sink.para(Style::Normal, &format!("[without reference to a Main Committee (A/{session}/L.{day})]"));
        let title = *self.rng.pick(UN_TITLES);
        self.sink.para(Style::ResNo, &format!("{number}.\t{title}"));
        self.sink.para(Style::Normalaftertitle, "The General Assembly,");
        let mut blocks = Vec::new();
        let n = self.rng.range(2, 6);
        let mut pool: Vec<usize> = (0..UN_PREAMBLE.len()).collect();
        for _ in 0..n {
            let (opening, verb) = UN_PREAMBLE[pool.remove(self.rng.below(pool.len()))];
            let text = if self.rng.percent(50) {
                let tail = *self.rng.pick(QUALIFIERS);
                format!("{opening}{tail},")
            } else {
                format!("{opening},")
            };
            self.sink.para(Style::Normal, &text);
            blocks.push(ExpectedBlock {
                verb: Some(verb.into()),
                addressees: vec![],
                partners: vec![],
                labels: "·".into(),
            });
        }
        let mut nodes = Vec::new();
        let ops = self.rng.range(2, 9);
        for k in 1..=ops {
            let opening = *self.rng.pick(UN_OPERATIVE);
            let text = self.sentence(&format!("{opening}, in particular on"), 100, 500);
            let mut node = Node { label: k.to_string(), kids: vec![] };
            if self.rng.percent(15) {
                self.sink.para(Style::Normal, &format!("{k}.\t{text}, including:"));
                for (i, letter) in ["(a)", "(b)", "(c)"].iter().enumerate().take(self.rng.range(2, 3)) {
                    let end = if i == 1 { ";" } else { "," };
                    self.sink.para(Style::Normal, &format!("{letter}\tthe promotion of {}{end}", OBJECTS[i + k]));
                    node.kids.push(Node { label: (*letter).into(), kids: vec![] });
                }
            } else {
                let end = if k == ops { "." } else { ";" };
                self.sink.para(Style::Normal, &format!("{k}.\t{text}{end}"));
            }
            nodes.push(node);
        }
        self.sink.para(Style::Normal, &format!("{}th plenary meeting", self.rng.range(4, 90)));
        self.sink.para(Style::Normal, &format!("{day} {month} {year}"));
        blocks.push(ExpectedBlock { verb: None, addressees: vec![], partners: vec![], labels: format_labels(&nodes) });
        self.expected.push(ExpectedInstrument {
            number: Some(number),
            body: Some("UNGA".into()),
            section: None,
            blocks,
            sections: 0,
            annexes: 0,
        });
    }

    // ----- summaries (text only) -----

    /// A TSAG summary of a Plenipotentiary Conference: outline, quoted excerpts, committee recommendations,
    /// legend and reference table.
    fn summary(&mut self) {
        for line in [
            "Abstract:",
            "\tThis TD summarizes the main highlights of PP-22 with an interest or an impact on ITU-T.",
            "",
            "Action required:",
            "\tTSAG is invited to note the document. ",
            "",
            "Notes:",
            "Quotes reproduced in the summary below were extracted from:",
            "1\tFirst or Second reading of draft (revised) Decisions/Resolutions as submitted to Plenary ",
            "2\tReport from the Chairman of Committee 5 (COM5) to Plenary(C-189)",
            "3\tReport from the Chairman of Committee 6 (COM6) to Plenary (C-157-R1)",
            "",
        ] {
            self.line(line);
        }
        // 1: topics, elections, money, new resolutions told in narrative form.
        self.line("1\tSummary of relevant topics for ITU-T");
        self.line("");
        let (name, country) = *self.rng.pick(NAMES);
        let post = *self.rng.pick(&["TSB Director", "Secretary-General", "BDT Director", "BR Director"]);
        self.line(&format!(
            "1.1\t{name} ({country}) was elected as {post} for the mandate of 1 January 2023 - 31 December 2026."
        ));
        self.line("");
        self.line("1.2\tPP-22 agreed that the ITU Constitution and Convention remained unchanged. This is the third time since 1992 that the Convention and Constitution were not changed.");
        self.line("");
        let total = format!("{}.{}", self.rng.range(500, 800), self.rng.range(1, 9));
        let unit = self.rng.range(300, 340);
        let units = self.rng.range(300, 390);
        let frac = *self.rng.pick(&["11/16", "1/2", "3/4", "1/8", "5/16"]);
        let bm = self.bookmark();
        self.line(&format!(
            "{bm}1.3\tThe new Financial Plan for 2024-2027 (revised Decision 5) is a balanced financial plan with the total planned expenses for the period concerned amounts to CHF {total} million offset by projected revenue of CHF\u{a0}{total} million. It sets the definitive upper limit of the amount of the contributory unit at CHF {unit} 000; and the number of contributory units from Member States applicable as from 1 January 2024 is {units} {frac}. "
        ));
        self.line("The Financial Plan 2024-2027 for ITU-T amounts to CHF 54,4 million.");
        self.line("");
        self.line("1.4\tAmong the six New Resolutions approved at the PP-22, two have a direct impact on ITU-T:");
        self.line("");
        for (k, (number, title)) in [
            ("214", "Artificial intelligence technologies and telecommunications information and communication technologies"),
            ("215", "Role of telecommunications/information and communication technologies in mitigating global pandemic"),
        ]
        .into_iter()
        .enumerate()
        .take(self.rng.range(1, 2))
        {
            let section = format!("1.4.{}", k + 1);
            self.line(&format!("{section}\tResolution {number}, {title}"));
            self.line("");
            self.line("This new resolution notes ");
            self.line("");
            let b = self.that_item();
            self.line(&format!("b) {b}; "));
            self.line("");
            let c = self.that_item();
            self.line(&format!("c) {c},"));
            self.line("");
            self.line("The resolution resolved");
            self.line("");
            self.line("that ITU should, within its mandate and core competencies: ");
            self.line("");
            let a = self.sentence("continue the work on", 100, 300);
            self.line(&format!("a) {a};"));
            self.line(" ");
            let b2 = self.sentence("foster", 100, 300);
            self.line(&format!("b) {b2}."));
            self.line("");
            self.expected.push(ExpectedInstrument {
                number: Some(number.into()),
                body: None,
                section: Some(section),
                blocks: vec![
                    ExpectedBlock { verb: Some("noting".into()), addressees: vec![], partners: vec![], labels: "b) c)".into() },
                    ExpectedBlock {
                        verb: Some("resolves".into()),
                        addressees: vec![],
                        partners: vec![],
                        labels: "· (a) b))".into(),
                    },
                ],
                sections: 0,
                annexes: 0,
            });
        }
        // 2 and 3: quoted excerpts of revised and new resolutions.
        self.line("2\tPP-22 Resolutions with relevant changes impacting ITU-T");
        let revised = self.rng.range(2, 22);
        for k in 1..=revised {
            let number = self.rng.range(1, 213).to_string();
            let rev = *self.rng.pick(&["(Rev. Bucharest 2022)", "(Rev. Bucharest, 2022)", "(Rev. Dubai, 2018)"]);
            self.excerpt(&format!("2.{k}"), "Resolution", &number, Some(rev));
        }
        if self.rng.percent(50) {
            self.excerpt(&format!("2.{}", revised + 1), "Revised Decision", "5", None);
        }
        self.line("");
        self.line("3\tNew PP-22 Resolutions (having an impact on ITU-T)");
        for k in 1..=self.rng.range(1, 3) {
            let number = (213 + k).to_string();
            self.excerpt(&format!("3.{k}"), "Resolution", &number, Some("(Bucharest, 2022)"));
        }
        // 4: committee recommendations.
        self.line("4\tPP-22 Committee Recommendations");
        for k in 1..=self.rng.range(1, 4) {
            let section = format!("4.{k}");
            let topic = *self.rng.pick(&[
                "Industry participation/engagement:",
                "SME engagement:",
                "Output of side-events:",
                "One ITU:",
            ]);
            self.line(&format!("{section}\t{topic}"));
            let committee = *self.rng.pick(&["COM5", "COM6"]);
            let number = if self.rng.percent(85) { Some(self.rng.range(1, 30).to_string()) } else { None };
            match &number {
                Some(n) => self.line(&format!("{committee} Recommendation {n}: ")),
                None => self.line(&format!("{committee} Recommendation")),
            }
            let paras = self.rng.range(1, 2);
            let mut nodes = Vec::new();
            for p in 0..paras {
                let text = if p == 0 {
                    self.sentence(
                        "“The Secretary-General and the Directors of the Bureaux continue to encourage the enhanced participation of entities and organizations in",
                        120,
                        400,
                    )
                } else {
                    self.sentence("PP22 instructs the Secretary-General coordinating with the Directors of the Bureaux to submit to the 2024 session of Council a report on", 120, 400)
                };
                self.line(&format!("{text}.”"));
                nodes.push(Node { label: "·".into(), kids: vec![] });
            }
            self.line("");
            self.expected.push(ExpectedInstrument {
                number,
                body: Some("PP".into()),
                section: Some(section),
                blocks: vec![ExpectedBlock {
                    verb: None,
                    addressees: vec![],
                    partners: vec![],
                    labels: format_labels(&nodes),
                }],
                sections: 0,
                annexes: 0,
            });
        }
        // 5: legend and reference table.
        for line in [
            "5\tOverview and analysis of PP22 contributions",
            "5.1\tDecisions and resolutions newly adopted by the ITU Plenipotentiary Conference (Bucharest, 2022) have been numbered to start from the next number following the last number used at the Plenipotentiary Conference (Dubai, 2018). ",
            "Decisions and resolutions revised by the Plenipotentiary Conference (Bucharest, 2022) retain the same number as before, followed by \"(Rev. Bucharest, 2022)\".",
            "",
            "",
            "(A): \tApproved",
            "(AR): \tApproved with reservations or statements in the summary record; ",
            "see Declaration posted as  C-199-R2, and Additional declarations posted as C-201.",
            "(AWA): Approved with additional amendments made during plenary",
            "(NOC): Approved without any changes",
            "ADD = addition of a new decision, resolution",
            "MOD = modification of an existing decision, resolution",
            "SUP = abrogation of an existing resolution",
            " 5.2\tReference table",
            "",
            "The table below offers an overview of the documents of the PP-22 Resolutions that were revised and have an impact on ITU-T.",
            "",
            "",
            "\tPP-Resolutions of relevance ",
            "to ITU-T/TSB",
            "(ADD/MOD/SUP/NOC proposals)",
            "\tContributions",
            "/ Consolidated proposals and ",
            "other texts",
            "\tWTSA Resolutions",
            "(Rev. Geneva, 2022) ",
            "\tITU TSB Focal Point",
            "",
        ] {
            self.line(line);
        }
        for _ in 0..self.rng.range(2, 8) {
            self.reference_row();
        }
        self.line("");
    }

    fn line(&mut self, text: &str) {
        if text.is_empty() {
            self.sink.blank();
        } else {
            self.sink.para(Style::Normal, text);
        }
    }

    /// "2.6\tResolution 130 (Rev. Bucharest 2022) “Title”:" and blocks with gappy item numbers.
    fn excerpt(&mut self, section: &str, kind: &str, number: &str, rev: Option<&str>) {
        let title = *self.rng.pick(PP_TITLES);
        let bm = self.bookmark();
        let lead = if self.rng.percent(5) { " " } else { "" };
        match rev {
            Some(rev) => self.line(&format!("{lead}{bm}{section}\t{kind} {number} {rev} “{title}”:")),
            None => self.line(&format!("{lead}{bm}{section}\t{kind} {number} “{title}”:")),
        }
        let mut blocks = Vec::new();
        if self.rng.percent(15) {
            // "Considering" with some of its items.
            let heading = *self.rng.pick(&["Considering", "considering", "bearing in mind", "recognizing"]);
            self.line(heading);
            let mut nodes = Vec::new();
            let start = self.rng.below(4);
            for letter in LETTERS.iter().skip(start).take(self.rng.range(1, 4)) {
                let text = self.that_item();
                self.line(&format!("{letter}\t{text},"));
                nodes.push(Node { label: (*letter).into(), kids: vec![] });
            }
            blocks.push(ExpectedBlock {
                verb: Some(heading.to_lowercase()),
                addressees: vec![],
                partners: vec![],
                labels: format_labels(&nodes),
            });
        }
        let n = self.rng.range(1, 4);
        for k in 0..n {
            blocks.push(self.operative_block(Body::Pp, true, k + 1 == n));
        }
        self.line("");
        let body = rev.map(|_| "PP".to_owned());
        self.expected.push(ExpectedInstrument {
            number: Some(number.into()),
            body,
            section: Some(section.into()),
            blocks,
            sections: 0,
            annexes: 0,
        });
    }

    /// A row of the flattened reference table, in the two shapes of the seed.
    fn reference_row(&mut self) {
        let number = self.rng.range(1, 215);
        let title = *self.rng.pick(PP_TITLES);
        let bm = self.bookmark();
        let focal = *self.rng.pick(FOCAL_POINTS);
        if self.rng.percent(20) {
            self.line(&format!("\t{bm}{number}"));
            self.line(title);
            self.line("");
            self.line("Abrogated");
            self.line("");
            let c = self.rng.range(150, 199);
            self.line(&format!("\tC-{c} (A, SUP)"));
            let c = self.rng.range(150, 199);
            self.line(&format!("C-{c} (A, REC#27)"));
            self.line("");
            self.line("\t-");
            self.line(&format!("\t{focal}"));
        } else {
            self.line(&format!("\t{bm}{number}"));
            self.line(title);
            let code = *self.rng.pick(&["(A, MOD)", "(A, ADD)", "(AR, MOD)", "(A MOD)"]);
            let c = self.rng.range(150, 199);
            self.line(&format!("\tC-{c} {code}"));
            let affected = self.rng.range(1, 3);
            for k in 0..affected {
                let tab = if k == 0 { "\t" } else { "" };
                let m = self.rng.range(1, 99);
                self.line(&format!("{tab}{m}"));
                let t = *self.rng.pick(WTSA_TITLES);
                self.line(t);
                if k + 1 < affected {
                    self.line("");
                }
            }
            if self.rng.percent(30) {
                let other = *self.rng.pick(FOCAL_POINTS);
                self.line(&format!("\t{focal}, "));
                self.line(other);
            } else {
                self.line(&format!("\t{focal}"));
            }
        }
        self.line("");
        self.reference_rows += 1;
    }
}

#[cfg(test)]
mod tests;
