//! Reports as Word documents (.docx, Office Open XML), the format secretariats exchange.
//!
//! A minimal package: content types, relationships, the document and a style sheet with the headings and the
//! table style Word and LibreOffice expect. The output is byte-for-byte reproducible (fixed zip timestamps).

use std::io::{Cursor, Write};

use quick_xml::escape::escape;
use zip::write::SimpleFileOptions;

use super::{ImpactReport, ReportInstrument, TableRow};

/// The impact report as a .docx file.
pub fn impact(report: &ImpactReport) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut body = Body::default();
    let s = &report.summary;
    body.para("Title", &format!("What {} asks of {}", report.conference, report.sector));
    body.para(
        "Normal",
        &format!(
            "The clauses of the instruments of {} that concern {}: those addressed to the {}, to {} or its groups, \
             to all three Directors or Sectors, or to ITU as a whole. Clause numbers are the original ones; the \
             status is the registry's.",
            report.conference, report.sector, report.director, report.sector
        ),
    );
    body.para("Heading1", "1\tSummary");
    body.para(
        "Normal",
        &format!(
            "{} revised and {} new instruments, and {} committee recommendations, have clauses that concern {}. \
             {} clauses concern {}; {} of them name the {}. {} clauses ask for a report (section 5).",
            s.revised,
            s.new,
            s.recommendations,
            report.sector,
            s.clauses,
            report.sector,
            s.for_director,
            report.director,
            s.reporting
        ),
    );
    if !s.abrogated.is_empty() {
        body.para("Normal", &format!("Abrogated: {}.", s.abrogated.join(", ")));
    }
    for e in &report.elections {
        let country = e.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        let term = match (&e.term_start, &e.term_end) {
            (Some(from), Some(to)) => format!(", {from} to {to}"),
            _ => String::new(),
        };
        body.para("Normal", &format!("Elected: {}{country}, {}{term}.", e.person, e.post));
    }
    for f in &report.figures {
        body.para("Normal", &format!("{}: “{}”", f.text, f.sentence));
    }
    instruments(&mut body, "2", "Revised instruments", &report.revised);
    instruments(&mut body, "3", "New instruments", &report.new);
    instruments(&mut body, "4", "Committee recommendations", &report.recommendations);
    body.para("Heading1", "5\tReporting duties");
    let mut rows = vec![["Clause", "Reports to", "When", "How often", "Mandate"].map(str::to_owned).to_vec()];
    for duty in &report.reporting {
        rows.push(vec![
            duty.clause.clone(),
            duty.report_to.join(", "),
            duty.deadline.clone().unwrap_or_default(),
            duty.cadence.clone().unwrap_or_default().replace('_', " "),
            duty.mandate.to_string(),
        ]);
    }
    body.table(&rows);
    body.para("Heading1", "6\tReference table");
    body.table(&table_rows(&report.table));
    package(&body.xml)
}

/// The reference table alone as a .docx file.
pub fn reference_table(rows: &[TableRow]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut body = Body::default();
    body.para("Title", "Reference table");
    body.table(&table_rows(rows));
    package(&body.xml)
}

fn instruments(body: &mut Body, number: &str, title: &str, list: &[ReportInstrument]) {
    body.para("Heading1", &format!("{number}\t{title}"));
    if list.is_empty() {
        body.para("Normal", "None.");
    }
    for (n, instrument) in list.iter().enumerate() {
        let title = instrument.title.as_deref().map(|t| format!(" “{t}”")).unwrap_or_default();
        body.para("Heading2", &format!("{number}.{}\t{}{title}", n + 1, instrument.citation));
        for block in &instrument.blocks {
            if let Some(heading) = &block.heading {
                body.para("Call", heading);
            }
            for clause in &block.clauses {
                let owner = clause.owner.as_deref().map(|o| format!(", {o}")).unwrap_or_default();
                let label = clause.label.as_deref().unwrap_or("");
                body.para(
                    "Normal",
                    &format!("{label}\t{} (mandate {}: {}{owner})", clause.text, clause.mandate, clause.status),
                );
            }
        }
    }
}

fn table_rows(rows: &[TableRow]) -> Vec<Vec<String>> {
    let mut out = vec![
        ["Instrument", "Title", "Contributions", "Sector resolutions", "Focal points"].map(str::to_owned).to_vec(),
    ];
    for row in rows {
        let title = if row.abrogated { format!("{} (abrogated)", row.title) } else { row.title.clone() };
        out.push(vec![
            row.instrument.clone(),
            title,
            row.contributions.join("\n"),
            row.affects.iter().map(|a| a.label()).collect::<Vec<_>>().join("\n"),
            row.focal_points.join("\n"),
        ]);
    }
    out
}

/// The XML of `w:body`, paragraph by paragraph.
#[derive(Default)]
struct Body {
    xml: String,
}

impl Body {
    fn para(&mut self, style: &str, text: &str) {
        self.xml.push_str(&format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
        runs(&mut self.xml, text);
        self.xml.push_str("</w:p>");
    }

    /// A table whose first row is a repeated header row.
    fn table(&mut self, rows: &[Vec<String>]) {
        self.xml.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid/>",
        );
        for (i, row) in rows.iter().enumerate() {
            self.xml.push_str("<w:tr>");
            if i == 0 {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for cell in row {
                self.xml.push_str("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
                for line in cell.split('\n') {
                    self.xml.push_str("<w:p>");
                    if i == 0 {
                        self.xml.push_str("<w:pPr><w:rPr><w:b/></w:rPr></w:pPr>");
                    }
                    runs(&mut self.xml, line);
                    self.xml.push_str("</w:p>");
                }
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl><w:p/>");
    }
}

/// Text as runs: tabs become `w:tab`, line breaks `w:br`, the rest escaped text (spaces kept).
fn runs(xml: &mut String, text: &str) {
    xml.push_str("<w:r>");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            xml.push_str("<w:br/>");
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                xml.push_str("<w:tab/>");
            }
            if !part.is_empty() {
                xml.push_str("<w:t xml:space=\"preserve\">");
                xml.push_str(&escape(strip_invalid_xml(part).as_str()));
                xml.push_str("</w:t>");
            }
        }
    }
    xml.push_str("</w:r>");
}

/// XML 1.0 forbids most control characters; a document's text may hold them.
fn strip_invalid_xml(text: &str) -> String {
    text.chars()
        .filter(|&c| !(c < ' ' && c != '\t' && c != '\n' && c != '\r') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Times New Roman 12 as ITU documents use; headings bold; "Call" is the italic of block headings.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="120" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="567"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:ind w:left="0" w:firstLine="0"/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Call"><w:name w:val="Call"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:left="567" w:firstLine="0"/></w:pPr><w:rPr><w:i/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

fn package(body: &str) -> Result<Vec<u8>, zip::result::ZipError> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz \
         w:w=\"11907\" w:h=\"16840\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" \
         w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
