//! A small PDF layout: a municipal header, a title, labelled fields and paragraphs, a footer
//! with the verification code. Uses the PDF base fonts (Helvetica), so nothing is embedded.
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY_SIZE: f32 = 10.5;
const LEADING: f32 = 15.0;
/// Characters per line of body text in Helvetica 10.5 on an A4 with these margins.
const WRAP: usize = 92;

#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    Field(String, String),
    Paragraph(String),
    Space,
}

#[derive(Debug, Clone)]
pub struct Layout {
    /// The issuing body, shown in the header band.
    pub issuer: String,
    pub title: String,
    pub blocks: Vec<Block>,
    /// Lines at the foot of every page (verification, reference).
    pub footer: Vec<String>,
}

/// The PDF base fonts use WinAnsiEncoding: Latin-1 plus a few extras; anything else becomes '?'.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One line of text to place: font (regular or bold), size, x offset and content.
struct Placed {
    bold: bool,
    size: f32,
    x: f32,
    text: String,
    /// Vertical space this line takes.
    advance: f32,
}

fn placed(blocks: &[Block]) -> Vec<Placed> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(text) => {
                out.push(Placed {
                    bold: false,
                    size: 0.0,
                    x: 0.0,
                    text: String::new(),
                    advance: 6.0,
                });
                out.push(Placed {
                    bold: true,
                    size: 12.0,
                    x: 0.0,
                    text: text.clone(),
                    advance: 18.0,
                });
            }
            Block::Field(label, value) => {
                let mut lines = wrap(value, WRAP - 30).into_iter();
                let first = lines.next().unwrap_or_default();
                out.push(Placed {
                    bold: true,
                    size: BODY_SIZE,
                    x: 0.0,
                    text: label.clone(),
                    advance: 0.0,
                });
                out.push(Placed {
                    bold: false,
                    size: BODY_SIZE,
                    x: 170.0,
                    text: first,
                    advance: LEADING,
                });
                for rest in lines {
                    out.push(Placed {
                        bold: false,
                        size: BODY_SIZE,
                        x: 170.0,
                        text: rest,
                        advance: LEADING,
                    });
                }
            }
            Block::Paragraph(text) => {
                for line in wrap(text, WRAP) {
                    out.push(Placed {
                        bold: false,
                        size: BODY_SIZE,
                        x: 0.0,
                        text: line,
                        advance: LEADING,
                    });
                }
                out.push(Placed {
                    bold: false,
                    size: 0.0,
                    x: 0.0,
                    text: String::new(),
                    advance: 4.0,
                });
            }
            Block::Space => out.push(Placed {
                bold: false,
                size: 0.0,
                x: 0.0,
                text: String::new(),
                advance: LEADING,
            }),
        }
    }
    out
}

pub fn render(layout: &Layout) -> Vec<u8> {
    let ids = Ids {
        catalog: Ref::new(1),
        tree: Ref::new(2),
        regular: Ref::new(3),
        bold: Ref::new(4),
        info: Ref::new(5),
    };
    let pages = paginate(placed(&layout.blocks));
    // Two objects per page (the page and its content stream), numbered after the fixed ones.
    let page_ids: Vec<(Ref, Ref)> = (0..pages.len() as i32)
        .map(|n| (Ref::new(6 + 2 * n), Ref::new(7 + 2 * n)))
        .collect();
    let mut pdf = Pdf::new();
    write_document(&mut pdf, layout, &ids, &page_ids);
    let count = pages.len();
    for (index, (lines, (page_id, content_id))) in pages.into_iter().zip(&page_ids).enumerate() {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(ids.tree)
            .contents(*content_id);
        page.resources()
            .fonts()
            .pair(REGULAR, ids.regular)
            .pair(BOLD, ids.bold);
        page.finish();

        let mut c = Content::new();
        draw_header(&mut c, layout, index == 0);
        for (y, line) in lines.iter().filter(|(_, l)| !l.text.is_empty()) {
            text(
                &mut c,
                if line.bold { BOLD } else { REGULAR },
                line.size,
                MARGIN + line.x,
                *y,
                &line.text,
            );
        }
        draw_footer(&mut c, layout, index, count);
        pdf.stream(*content_id, &c.finish());
    }
    pdf.finish()
}

/// The resource names the pages use for the two fonts.
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

/// The objects every document has, whatever its number of pages.
struct Ids {
    catalog: Ref,
    tree: Ref,
    regular: Ref,
    bold: Ref,
    info: Ref,
}

/// Splits the lines over pages, each with the height at which it is drawn.
fn paginate(lines: Vec<Placed>) -> Vec<Vec<(f32, Placed)>> {
    let body_top = PAGE_HEIGHT - 170.0;
    let body_bottom = MARGIN + 70.0;
    let mut pages: Vec<Vec<(f32, Placed)>> = vec![Vec::new()];
    let mut y = body_top;
    for line in lines {
        if y - line.advance < body_bottom {
            pages.push(Vec::new());
            y = body_top;
        }
        let at = y;
        y -= line.advance;
        if let Some(page) = pages.last_mut() {
            page.push((at, line));
        }
    }
    pages
}

/// The catalog, the page tree, the two base fonts and the document information.
fn write_document(pdf: &mut Pdf, layout: &Layout, ids: &Ids, page_ids: &[(Ref, Ref)]) {
    pdf.catalog(ids.catalog).pages(ids.tree);
    pdf.pages(ids.tree)
        .kids(page_ids.iter().map(|(page, _)| *page))
        .count(page_ids.len() as i32);
    pdf.type1_font(ids.regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(ids.bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(ids.info)
        .title(TextStr(&layout.title))
        .author(TextStr(&layout.issuer))
        .producer(TextStr("Loket"));
}

/// One line of text at (x, y), in the page's WinAnsi encoding.
fn text(c: &mut Content, font: Name, size: f32, x: f32, y: f32, s: &str) {
    let bytes = win_ansi(s);
    c.begin_text()
        .set_font(font, size)
        .next_line(x, y)
        .show(Str(&bytes))
        .end_text();
}

/// The header band on every page; the title only on the first.
fn draw_header(c: &mut Content, layout: &Layout, first_page: bool) {
    // Header band: the Flemish yellow, with the issuer in dark text.
    c.set_fill_rgb(1.0, 0.902, 0.082)
        .rect(0.0, PAGE_HEIGHT - 64.0, PAGE_WIDTH, 64.0)
        .fill_nonzero();
    c.set_fill_rgb(0.1, 0.1, 0.1);
    text(c, BOLD, 16.0, MARGIN, PAGE_HEIGHT - 42.0, &layout.issuer);
    if first_page {
        text(c, BOLD, 18.0, MARGIN, PAGE_HEIGHT - 110.0, &layout.title);
    }
}

/// A rule, the footer lines and the page number.
fn draw_footer(c: &mut Content, layout: &Layout, index: usize, count: usize) {
    c.set_fill_rgb(0.7, 0.7, 0.7)
        .rect(MARGIN, MARGIN + 52.0, PAGE_WIDTH - 2.0 * MARGIN, 0.6)
        .fill_nonzero();
    c.set_fill_rgb(0.25, 0.25, 0.25);
    let mut fy = MARGIN + 38.0;
    for line in &layout.footer {
        text(c, REGULAR, 8.5, MARGIN, fy, line);
        fy -= 12.0;
    }
    text(
        c,
        REGULAR,
        8.5,
        PAGE_WIDTH - MARGIN - 60.0,
        MARGIN - 14.0,
        &format!("Pagina {} van {count}", index + 1),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_word_boundaries() {
        assert_eq!(wrap("een twee drie vier", 9), ["een twee", "drie vier"]);
    }

    #[test]
    fn encodes_dutch_and_french_accents_for_the_base_fonts() {
        assert_eq!(win_ansi("é"), [0xE9]);
        assert_eq!(win_ansi("ë€"), [0xEB, 0x80]);
        assert_eq!(win_ansi("ł"), b"?");
    }

    #[test]
    fn long_documents_get_more_pages() {
        let layout = Layout {
            issuer: "Gemeente".into(),
            title: "Test".into(),
            blocks: (0..120)
                .map(|i| Block::Field(format!("Veld {i}"), "waarde".into()))
                .collect(),
            footer: vec!["voet".into()],
        };
        let pdf = render(&layout);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        // 546 points of body per page hold 36 lines of 15 points: 120 lines take four pages.
        assert!(text.contains("/Count 4"), "120 lines need four pages");
    }
}
