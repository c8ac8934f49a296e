//! A small PDF layout: a municipal header, a title, labelled fields and paragraphs, a footer
//! with the verification code and its QR code. Rendered with krilla in DejaVu Sans, embedded
//! and subsetted, so every script the registers hold (Polish, Turkish, Romanian, Czech, Greek,
//! Cyrillic…) prints as written. The PDF is tagged (headings, paragraphs, a figure for the QR
//! code, headers and footers of later pages as artifacts), carries its language and title, and
//! is made to PDF/A-2a and PDF/UA-1; krilla checks both while it writes.
use chrono::{Datelike, NaiveDate};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::Outline;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;
use std::num::NonZeroU16;

use super::branding::{Logo, Rgb};
use super::templates::fill as fill_in;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY_SIZE: f32 = 10.5;
/// The header band's height, with the logo, the issuer and its address in it.
const BAND_HEIGHT: f32 = 64.0;
/// The widest a logo is drawn (a wide one is scaled down to this).
const LOGO_MAX_WIDTH: f32 = 160.0;
const LEADING: f32 = 15.0;
const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where a field's value starts, right of its label.
const VALUE_X: f32 = 170.0;
/// Baselines (from the top of the page) of the first and the lowest body line.
const BODY_TOP: f32 = 170.0;
/// Later pages have no title: their body starts right below the header band.
const NEXT_BODY_TOP: f32 = 100.0;
const BODY_BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 70.0;
/// The rule above the footer, the footer's first baseline and its text size.
const FOOTER_RULE: f32 = PAGE_HEIGHT - MARGIN - 52.0;
const FOOTER_TOP: f32 = FOOTER_RULE + 14.0;
const FOOTER_SIZE: f32 = 8.5;
/// The QR code's side, right of the footer text, below the rule.
const QR_SIDE: f32 = 66.0;
const QR_X: f32 = PAGE_WIDTH - MARGIN - QR_SIDE;
const QR_TOP: f32 = FOOTER_RULE + 6.0;
const FOOTER_WIDTH: f32 = QR_X - MARGIN - 10.0;

/// DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt).
static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Field(String, String),
    Paragraph(String),
    Space,
    /// What follows starts on a new page.
    PageBreak,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// The issuing body, shown in the header band.
    pub issuer: String,
    pub title: String,
    pub blocks: Vec<Block>,
    /// Lines at the foot of every page (verification, reference).
    pub footer: Vec<String>,
    /// The document's language (BCP 47), for screen readers and the metadata.
    pub language: String,
    /// The day the document is made: its creation date in the metadata.
    pub issued_on: NaiveDate,
    /// The verification link, printed as a QR code next to the footer.
    pub verify_url: Option<String>,
    pub look: Look,
}

/// The municipality's page furniture, and the words it needs in the document's language.
#[derive(Debug, Clone)]
pub struct Look {
    /// The header band's colour; its text is dark or white, whichever reads better.
    pub band: Rgb,
    pub logo: Option<Logo>,
    /// The municipality's address, under its name in the header band.
    pub address: Option<String>,
    /// "Pagina {page} van {pages}".
    pub page_label: String,
    /// The QR code's text for screen readers: "… {url}".
    pub qr_alt: String,
}

impl Layout {
    /// A bare layout with only a title (when no template can be found at all).
    pub fn plain(issuer: &str, title: &str, issued_on: NaiveDate) -> Self {
        Self {
            issuer: issuer.to_owned(),
            title: title.to_owned(),
            blocks: Vec::new(),
            footer: Vec::new(),
            language: super::templates::BASE_LANGUAGE.to_owned(),
            issued_on,
            verify_url: None,
            look: Look {
                band: super::branding::DEFAULT_COLOUR,
                logo: None,
                address: None,
                page_label: "{page} / {pages}".into(),
                qr_alt: "QR {url}".into(),
            },
        }
    }
}

/// The advance of `text` set in `font` at `size`, from the font's own metrics.
fn width(font: &'static [u8], size: f32, text: &str) -> f32 {
    let Ok(face) = skrifa::FontRef::new(font) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .unwrap_or(size * 0.6)
        })
        .sum()
}

/// Splits a word that alone is wider than a line over as many lines as it needs.
fn split_long(font: &'static [u8], size: f32, word: &str, max: f32) -> Vec<String> {
    let mut parts = vec![String::new()];
    for c in word.chars() {
        let last = parts.len() - 1;
        let candidate = format!("{}{c}", parts[last]);
        if !parts[last].is_empty() && width(font, size, &candidate) > max {
            parts.push(c.to_string());
        } else {
            parts[last] = candidate;
        }
    }
    parts
}

/// Breaks text into lines no wider than `max` points, on word boundaries.
fn wrap(font: &'static [u8], size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let words = text
        .split_whitespace()
        .flat_map(|word| split_long(font, size, word, max));
    for word in words {
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(font, size, &candidate) > max {
            lines.push(std::mem::replace(&mut line, word));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    // A wrapped line ends in a space: the word boundary stays in the text (PDF/A-2a).
    let count = lines.len();
    for l in lines.iter_mut().take(count.saturating_sub(1)) {
        l.push(' ');
    }
    lines
}

/// One line of text to place: font (regular or bold), size, x offset and content, and the
/// block (structure element) it belongs to.
struct Placed {
    bold: bool,
    size: f32,
    x: f32,
    text: String,
    /// Vertical space this line takes.
    advance: f32,
    /// How far below the current baseline it is drawn (a label's second line).
    drop: f32,
    /// The height that must fit on the page with this line: a whole field goes to the next
    /// page rather than its label staying behind.
    keep: f32,
    block: usize,
}

fn line(block: usize, bold: bool, size: f32, x: f32, text: String, advance: f32) -> Placed {
    Placed {
        bold,
        size,
        x,
        text,
        advance,
        drop: 0.0,
        keep: 0.0,
        block,
    }
}

fn gap(block: usize, advance: f32) -> Placed {
    line(block, false, 0.0, 0.0, String::new(), advance)
}

fn placed(blocks: &[Block]) -> Vec<Placed> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => {
                out.push(gap(b, 6.0));
                for l in wrap(BOLD_TTF, 12.0, text, BODY_WIDTH) {
                    out.push(line(b, true, 12.0, 0.0, l, 18.0));
                }
            }
            Block::Field(label, value) => field(&mut out, b, label, value),
            Block::Paragraph(text) => {
                for l in wrap(REGULAR_TTF, BODY_SIZE, text, BODY_WIDTH) {
                    out.push(line(b, false, BODY_SIZE, 0.0, l, LEADING));
                }
                out.push(gap(b, 4.0));
            }
            Block::Space => out.push(gap(b, LEADING)),
            Block::PageBreak => {
                // Higher than any page: what follows cannot fit on this one.
                let mut page_break = gap(b, 0.0);
                page_break.keep = PAGE_HEIGHT;
                out.push(page_break);
            }
        }
    }
    out
}

/// A label (bold, wrapped in its column) with its value beside it: all the label's lines are
/// read first, then the value's; the field is as high as the longer of the two.
fn field(out: &mut Vec<Placed>, b: usize, label: &str, value: &str) {
    let labels = wrap(BOLD_TTF, BODY_SIZE, label, VALUE_X - 10.0);
    let values = wrap(REGULAR_TTF, BODY_SIZE, value, BODY_WIDTH - VALUE_X);
    let height = labels.len().max(values.len()).max(1);
    let last = labels.len().saturating_sub(1);
    for (n, l) in labels.into_iter().enumerate() {
        // A separating space after the label, so the label and value read as two words.
        let l = if n == last { format!("{l} ") } else { l };
        let mut placed = line(b, true, BODY_SIZE, 0.0, l, 0.0);
        placed.drop = n as f32 * LEADING;
        if n == 0 {
            placed.keep = height as f32 * LEADING;
        }
        out.push(placed);
    }
    let count = values.len();
    for l in values {
        out.push(line(b, false, BODY_SIZE, VALUE_X, l, LEADING));
    }
    for _ in count..height {
        out.push(gap(b, LEADING));
    }
}

/// Splits the lines over pages, each with the baseline (from the top) at which it is drawn.
fn paginate(lines: Vec<Placed>) -> Vec<Vec<(f32, Placed)>> {
    let mut pages: Vec<Vec<(f32, Placed)>> = vec![Vec::new()];
    let mut y = BODY_TOP;
    for line in lines {
        let started = pages.last().is_some_and(|page| !page.is_empty());
        if started && y + line.advance.max(line.keep) > BODY_BOTTOM {
            pages.push(Vec::new());
            y = NEXT_BODY_TOP;
        }
        let at = y + line.drop;
        y += line.advance;
        if let Some(page) = pages.last_mut() {
            page.push((at, line));
        }
    }
    pages
}

/// The two faces, as krilla embeds them.
struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    fn load() -> Option<Self> {
        Some(Self {
            regular: Font::new(REGULAR_TTF.into(), 0)?,
            bold: Font::new(BOLD_TTF.into(), 0)?,
        })
    }

    fn get(&self, bold: bool) -> Font {
        if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }
}

/// PDF/A-2a (archival, tagged) together with PDF/UA-1 (accessible), on PDF 1.7.
fn strict() -> Configuration {
    ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .unwrap_or_default()
}

/// The PDF of a layout. Made to PDF/A-2a and PDF/UA-1; text the font cannot show (which those
/// forbid) still gets a plain tagged PDF rather than none, and the log says why.
pub fn render(layout: &Layout) -> Vec<u8> {
    match render_with(layout, strict()) {
        Ok(pdf) => pdf,
        Err(error) => {
            tracing::warn!(%error, title = %layout.title, "document not PDF/A-2a + PDF/UA-1");
            render_with(layout, Configuration::default()).unwrap_or_else(|error| {
                tracing::error!(%error, title = %layout.title, "document not rendered");
                Vec::new()
            })
        }
    }
}

/// The PDF of a layout made to PDF/A-2a and PDF/UA-1, or why it cannot be.
pub fn render_strict(layout: &Layout) -> Result<Vec<u8>, String> {
    render_with(layout, strict())
}

fn render_with(layout: &Layout, configuration: Configuration) -> Result<Vec<u8>, String> {
    let fonts = Fonts::load().ok_or("the embedded font cannot be read")?;
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("page size")?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    });
    let pages = paginate(placed(&layout.blocks));
    let mut tags = Tags::new(layout);
    let count = pages.len();
    for (index, lines) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        let mut draw = Draw {
            surface: &mut surface,
            fonts: &fonts,
            first_page: index == 0,
        };
        draw.header(layout, &mut tags, index, count);
        fill(draw.surface, Rgb(25, 25, 25));
        for (y, placed) in lines.iter().filter(|(_, l)| !l.text.is_empty()) {
            let id = draw.text(
                placed.bold,
                placed.size,
                MARGIN + placed.x,
                *y,
                &placed.text,
            );
            tags.blocks[placed.block].push(id);
        }
        draw.footer(layout, &mut tags);
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tags.finish());
    document.set_metadata(metadata(layout));
    document.set_outline(Outline::new());
    document.finish().map_err(|error| format!("{error:?}"))
}

fn metadata(layout: &Layout) -> Metadata {
    let day = layout.issued_on;
    let year = u16::try_from(day.year()).unwrap_or(2000);
    Metadata::new()
        .title(layout.title.clone())
        .language(layout.language.clone())
        .authors(vec![layout.issuer.clone()])
        .creator("Loket".into())
        .creation_date(
            DateTime::new(year)
                .month(day.month() as u8)
                .day(day.day() as u8),
        )
}

/// The structure tree in reading order: issuer, title, the blocks, then the footer and its
/// QR code, all taken from the first page (later pages repeat them as artifacts).
struct Tags {
    issuer: TagGroup,
    /// The municipality's address, when the header shows one.
    address: Option<TagGroup>,
    title: TagGroup,
    blocks: Vec<TagGroup>,
    footer: Vec<TagGroup>,
    /// The QR code's figure, when there is a verification link (not on a letter).
    qr: Option<TagGroup>,
}

impl Tags {
    fn new(layout: &Layout) -> Self {
        let blocks = layout
            .blocks
            .iter()
            .map(|block| match block {
                Block::Heading(text) => TagGroup::new(Tag::Hn(
                    NonZeroU16::MIN.saturating_add(1),
                    Some(text.clone()),
                )),
                _ => TagGroup::new(Tag::P),
            })
            .collect();
        let alt = layout
            .verify_url
            .as_deref()
            .map(|url| fill_in(&layout.look.qr_alt, &[("url", url)]));
        let qr_bbox = Rect::from_xywh(QR_X, QR_TOP, QR_SIDE, QR_SIDE).map(|r| BBox::new(0, r));
        Self {
            issuer: TagGroup::new(Tag::P),
            address: layout.look.address.as_ref().map(|_| TagGroup::new(Tag::P)),
            title: TagGroup::new(Tag::Hn(NonZeroU16::MIN, Some(layout.title.clone()))),
            blocks,
            footer: Vec::new(),
            qr: alt.map(|alt| TagGroup::new(Tag::Figure(Some(alt)).with_bbox(qr_bbox))),
        }
    }

    fn finish(self) -> TagTree {
        let mut tree = TagTree::new();
        tree.push(self.issuer);
        if let Some(address) = self.address {
            tree.push(address);
        }
        tree.push(self.title);
        for group in self.blocks.into_iter().chain(self.footer) {
            tree.push(group);
        }
        if let Some(qr) = self.qr {
            tree.push(qr);
        }
        tree
    }
}

fn fill(surface: &mut Surface, Rgb(r, g, b): Rgb) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
}

fn rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32) {
    let mut path = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        path.push_rect(r);
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
}

/// Drawing on one page: text as tagged spans, or as artifacts where it repeats.
struct Draw<'s, 'p> {
    surface: &'s mut Surface<'p>,
    fonts: &'s Fonts,
    first_page: bool,
}

impl Draw<'_, '_> {
    /// One line of real content at baseline `y` (from the top), as a tagged span.
    fn text(&mut self, bold: bool, size: f32, x: f32, y: f32, s: &str) -> Identifier {
        let id = self
            .surface
            .start_tagged(ContentTag::Span(SpanTag::empty()));
        self.glyphs(bold, size, x, y, s);
        self.surface.end_tagged();
        id
    }

    fn glyphs(&mut self, bold: bool, size: f32, x: f32, y: f32, s: &str) {
        self.surface.draw_text(
            Point::from_xy(x, y),
            self.fonts.get(bold),
            size,
            s,
            false,
            TextDirection::Auto,
        );
    }

    /// Content that is no part of the document's structure: decoration and repeated lines.
    fn artifact(&mut self, kind: ArtifactType, draw: impl FnOnce(&mut Self)) {
        self.surface
            .start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
        draw(self);
        self.surface.end_tagged();
    }

    /// Text that is content on the first page and a repeated artifact on the others.
    fn repeated(&mut self, group: &mut TagGroup, bold: bool, size: f32, x: f32, y: f32, s: &str) {
        if self.first_page {
            let id = self.text(bold, size, x, y, s);
            group.push(id);
        } else {
            self.artifact(ArtifactType::PaginationOther, |d| {
                d.glyphs(bold, size, x, y, s)
            });
        }
    }

    /// The header band (the municipality's colour, logo, name and address) with the page
    /// number; the title on the first page.
    fn header(&mut self, layout: &Layout, tags: &mut Tags, index: usize, count: usize) {
        let look = &layout.look;
        self.artifact(ArtifactType::Layout, |d| {
            fill(d.surface, look.band);
            rect(d.surface, 0.0, 0.0, PAGE_WIDTH, BAND_HEIGHT);
        });
        // The logo is decoration: the issuer's name is next to it as text.
        let mut left = MARGIN;
        if let Some(image) = look.logo.as_ref().and_then(|l| l.image()) {
            // At most LOGO_MAX_WIDTH wide, so a wide logo never pushes the name off the band.
            let (w, h) = image.size();
            let aspect = w as f32 / (h.max(1)) as f32;
            let height = (BAND_HEIGHT - 16.0).min(LOGO_MAX_WIDTH / aspect);
            let width = height * aspect;
            if let Some(size) = krilla::geom::Size::from_wh(width, height) {
                let top = (BAND_HEIGHT - height) / 2.0;
                self.artifact(ArtifactType::Layout, |d| {
                    d.surface
                        .push_transform(&krilla::geom::Transform::from_translate(MARGIN, top));
                    d.surface.draw_image(image, size);
                    d.surface.pop();
                });
                left += width + 12.0;
            }
        }
        let ink = look.band.text_on();
        fill(self.surface, ink);
        let number = fill_in(
            &look.page_label,
            &[
                ("page", &(index + 1).to_string()),
                ("pages", &count.to_string()),
            ],
        );
        let number_width = width(REGULAR_TTF, FOOTER_SIZE, &number);
        let room = PAGE_WIDTH - MARGIN - number_width - 12.0 - left;
        let issuer = wrap(BOLD_TTF, 16.0, &layout.issuer, room);
        let issuer = issuer.first().map(String::as_str).unwrap_or_default();
        let issuer_y = if look.address.is_some() { 34.0 } else { 40.0 };
        self.repeated(&mut tags.issuer, true, 16.0, left, issuer_y, issuer);
        if let Some(address) = &look.address {
            let lines = wrap(REGULAR_TTF, FOOTER_SIZE, address, room);
            let line = lines.first().map(String::as_str).unwrap_or_default();
            if let Some(group) = tags.address.as_mut() {
                self.repeated(group, false, FOOTER_SIZE, left, 50.0, line);
            }
        }
        let x = PAGE_WIDTH - MARGIN - number_width;
        self.artifact(ArtifactType::PaginationOther, |d| {
            d.glyphs(false, FOOTER_SIZE, x, 40.0, &number)
        });
        fill(self.surface, Rgb(25, 25, 25));
        if self.first_page {
            let mut y = 110.0;
            for l in wrap(BOLD_TTF, 18.0, &layout.title, BODY_WIDTH) {
                let id = self.text(true, 18.0, MARGIN, y, &l);
                tags.title.push(id);
                y += 22.0;
            }
        }
    }

    /// A rule, the footer lines and the QR code with the verification link.
    fn footer(&mut self, layout: &Layout, tags: &mut Tags) {
        self.artifact(ArtifactType::Layout, |d| {
            fill(d.surface, Rgb(178, 178, 178));
            rect(d.surface, MARGIN, FOOTER_RULE, BODY_WIDTH, 0.6);
        });
        fill(self.surface, Rgb(64, 64, 64));
        let mut y = FOOTER_TOP;
        for (n, text) in layout.footer.iter().enumerate() {
            if tags.footer.len() <= n {
                tags.footer.push(TagGroup::new(Tag::P));
            }
            for l in wrap(REGULAR_TTF, FOOTER_SIZE, text, FOOTER_WIDTH) {
                if let Some(group) = tags.footer.get_mut(n) {
                    self.repeated(group, false, FOOTER_SIZE, MARGIN, y, &l);
                }
                y += 12.0;
            }
        }
        if let Some(url) = &layout.verify_url {
            if let Some(group) = tags.qr.as_mut() {
                self.qr(url, group);
            }
        }
    }

    /// The QR code as vector squares, one per run of dark modules in a row.
    fn qr(&mut self, url: &str, group: &mut TagGroup) {
        let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
            return;
        };
        let modules = code.width();
        let unit = QR_SIDE / modules as f32;
        let top = QR_TOP;
        let mut path = PathBuilder::new();
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                let run = (col..modules)
                    .take_while(|&c| code[(c, row)] == qrcode::Color::Dark)
                    .count();
                if run > 0 {
                    let (x, y) = (QR_X + col as f32 * unit, top + row as f32 * unit);
                    if let Some(r) = Rect::from_xywh(x, y, run as f32 * unit, unit) {
                        path.push_rect(r);
                    }
                }
                col += run.max(1);
            }
        }
        let Some(path) = path.finish() else { return };
        let draw = |d: &mut Self| {
            fill(d.surface, Rgb(0, 0, 0));
            d.surface.draw_path(&path);
        };
        if self.first_page {
            let id = self.surface.start_tagged(ContentTag::Other);
            draw(self);
            self.surface.end_tagged();
            group.push(id);
        } else {
            self.artifact(ArtifactType::PaginationOther, draw);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(blocks: Vec<Block>) -> Layout {
        Layout {
            issuer: "Gemeente".into(),
            title: "Test".into(),
            blocks,
            footer: vec!["voet".into()],
            language: "nl".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            verify_url: Some("https://loket.example/verifieer/ABCD-EFGH-JKMN-PQRS".into()),
            look: Look {
                logo: Some(Logo::demo()),
                address: Some("Marktplein 1, 9999 Voorbeeldegem".into()),
                ..Layout::plain("", "", NaiveDate::default()).look
            },
        }
    }

    #[test]
    fn wraps_on_word_boundaries_measured_on_the_font() {
        // "iiii" is far narrower than "WWWW" in a proportional font.
        let max = width(REGULAR_TTF, 10.0, "WWWW") + 1.0;
        assert_eq!(wrap(REGULAR_TTF, 10.0, "iiii iiii", max), ["iiii iiii"]);
        assert_eq!(wrap(REGULAR_TTF, 10.0, "WWWW WWWW", max), ["WWWW ", "WWWW"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_split() {
        let lines = wrap(REGULAR_TTF, 10.0, &"x".repeat(200), 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(REGULAR_TTF, 10.0, l) <= 100.0));
    }

    #[test]
    fn text_the_font_cannot_show_still_gives_a_pdf() {
        // DejaVu Sans has no Chinese: not PDF/A or PDF/UA then, but still the document.
        let blocks = vec![Block::Field("Naam".into(), "王秀英".into())];
        assert!(render_with(&layout(blocks.clone()), strict()).is_err());
        assert!(render(&layout(blocks)).starts_with(b"%PDF-"));
    }

    #[test]
    fn long_documents_get_more_pages_and_meet_pdf_a_and_ua() {
        let blocks = (0..120)
            .map(|i| Block::Field(format!("Veld {i}"), "waarde".into()))
            .collect();
        let pdf = render_with(&layout(blocks), strict());
        assert!(pdf.is_ok(), "{:?}", pdf.err());
        let pdf = pdf.unwrap_or_default();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        // The first page holds 36 lines of 15 points, the next ones (no title) 41 each: 120
        // lines take four pages.
        assert!(text.contains("/Count 4"), "120 lines need four pages");
    }
}
