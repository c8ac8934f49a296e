//! The municipality on its papers: name, address, logo, colour and signatory, all from
//! configuration (`MUNICIPALITY_NAME`, `MUNICIPALITY_ADDRESS`, `MUNICIPALITY_LOGO_FILE`,
//! `MUNICIPALITY_COLOUR`, `SIGNATORY_NAME`, `SIGNATORY_ROLE`), and the wording from the
//! templates (see `templates`).
use super::templates::Templates;
use std::path::Path;
use std::sync::Arc;

/// Demo mode's logo: a plain coat of arms for the fictitious Voorbeeldegem.
static DEMO_LOGO: &[u8] = include_bytes!("../../branding/voorbeeldegem.png");

/// The Flemish yellow: the header band when no colour is configured.
pub const DEFAULT_COLOUR: Rgb = Rgb(255, 230, 21);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB` (the `#` optional).
    pub fn parse(text: &str) -> Result<Self, String> {
        let hex = text.trim().trim_start_matches('#');
        let part = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (hex.len(), part(0), part(2), part(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Self(r, g, b)),
            _ => Err(format!(
                "MUNICIPALITY_COLOUR '{text}' is not a colour like #1D4F91"
            )),
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Text on this colour: near-black or white, whichever contrasts more (WCAG ratio).
    pub fn text_on(self) -> Rgb {
        let dark = Rgb(25, 25, 25);
        let ratio = |a: f32, b: f32| (a.max(b) + 0.05) / (a.min(b) + 0.05);
        let l = self.luminance();
        if ratio(l, dark.luminance()) >= ratio(l, 1.0) {
            dark
        } else {
            Rgb(255, 255, 255)
        }
    }
}

/// A logo as PNG or JPEG bytes (checked at start), and the image krilla places, made once.
#[derive(Clone)]
pub struct Logo {
    pub bytes: Arc<Vec<u8>>,
    pub png: bool,
    image: Option<krilla::image::Image>,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} bytes)", self.bytes.len())
    }
}

impl Logo {
    /// PNG or JPEG, by its first bytes; anything else is refused with the reason.
    pub fn from_bytes(bytes: Vec<u8>, name: &str) -> Result<Self, String> {
        let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        if !png && !jpeg {
            return Err(format!("{name}: the logo must be a PNG or JPEG file"));
        }
        let logo =
            Self::made(bytes, png).map_err(|e| format!("{name}: the logo cannot be read ({e})"))?;
        // krilla reads only the header here; the pixels are decoded when a PDF is written. A
        // page with the logo, made to PDF/A-2a and PDF/UA-1, shows now whether every document
        // will be (a CMYK JPEG without a profile is not; broken pixels are not at all).
        let look = super::pdf::Look {
            logo: Some(logo.clone()),
            ..super::pdf::Layout::plain("", "", chrono::NaiveDate::default()).look
        };
        super::pdf::render_strict(&super::pdf::Layout {
            look,
            ..super::pdf::Layout::plain("Logo", "Logo", chrono::NaiveDate::default())
        })
        .map_err(|e| {
            format!("{name}: documents with this logo would not be valid PDF/A-2a and PDF/UA-1 ({e}); save it as an RGB PNG")
        })?;
        Ok(logo)
    }

    fn made(bytes: Vec<u8>, png: bool) -> Result<Self, String> {
        let data: krilla::Data = bytes.clone().into();
        let image = if png {
            krilla::image::Image::from_png(data, false)
        } else {
            krilla::image::Image::from_jpeg(data, false)
        }?;
        Ok(Self {
            bytes: Arc::new(bytes),
            png,
            image: Some(image),
        })
    }

    pub fn read(path: &Path) -> Result<Self, String> {
        let name = format!("MUNICIPALITY_LOGO_FILE {}", path.display());
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
        Self::from_bytes(bytes, &name)
    }

    /// Demo mode's logo (checked by a unit test).
    pub fn demo() -> Self {
        Self::made(DEMO_LOGO.to_vec(), true).unwrap_or_else(|_| Self {
            bytes: Arc::new(Vec::new()),
            png: true,
            image: None,
        })
    }

    /// The image as krilla places it: without interpolation, which PDF/A forbids.
    pub fn image(&self) -> Option<krilla::image::Image> {
        self.image.clone()
    }
}

#[derive(Debug, Clone)]
pub struct Signatory {
    pub name: String,
    /// The role as printed (`SIGNATORY_ROLE`)…
    pub role: String,
    /// …or in a document's language, where given (`SIGNATORY_ROLE_FR`, `_DE`, `_EN`, `_NL`).
    pub roles: std::collections::BTreeMap<String, String>,
}

impl Signatory {
    /// The role in `language`, or as configured.
    pub fn role_in(&self, language: &str) -> &str {
        self.roles.get(language).unwrap_or(&self.role)
    }
}

/// Everything a document needs besides its data: who issues it, how it looks, what it says.
#[derive(Debug, Clone)]
pub struct Branding {
    pub municipality: String,
    /// One line, printed under the name in the header and on letters.
    pub address: Option<String>,
    pub logo: Option<Logo>,
    /// The header band's colour.
    pub colour: Rgb,
    pub signatory: Option<Signatory>,
    pub templates: Arc<Templates>,
}

impl Branding {
    /// Only the name, the default colour and the shipped templates.
    pub fn plain(municipality: &str) -> Self {
        Self {
            municipality: municipality.to_owned(),
            address: None,
            logo: None,
            colour: DEFAULT_COLOUR,
            signatory: None,
            templates: Templates::shipped(),
        }
    }

    /// Demo mode's municipality, Voorbeeldegem, with its logo, address and signatory.
    pub fn demo(municipality: &str) -> Self {
        Self {
            address: Some("Marktplein 1, 9999 Voorbeeldegem".into()),
            logo: Some(Logo::demo()),
            signatory: Some(Signatory {
                name: "An Janssens".into(),
                role: "diensthoofd Burgerzaken".into(),
                roles: [
                    ("fr", "cheffe du service Population – État civil"),
                    ("de", "Leiterin des Bevölkerungsdienstes"),
                    ("en", "head of Civil Affairs"),
                ]
                .into_iter()
                .map(|(l, r)| (l.to_owned(), r.to_owned()))
                .collect(),
            }),
            ..Self::plain(municipality)
        }
    }
}

impl Branding {
    /// A document type's title as its template in `language` prints it (the catalogue's name
    /// when there is none).
    pub fn title(
        &self,
        language: &str,
        doc_type: &crate::db::catalogue::DocumentTypeRow,
    ) -> String {
        self.templates
            .document(language, &doc_type.code)
            .map_or_else(|| doc_type.name.clone(), |t| t.title.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_get_readable_text() {
        assert_eq!(Rgb::parse("#1d4f91"), Ok(Rgb(0x1d, 0x4f, 0x91)));
        assert_eq!(Rgb::parse("FFE615"), Ok(Rgb(255, 230, 21)));
        assert!(Rgb::parse("blue").is_err());
        assert!(Rgb::parse("#12345").is_err());
        // Dark text on the Flemish yellow, white text on a dark blue.
        assert_eq!(DEFAULT_COLOUR.text_on(), Rgb(25, 25, 25));
        assert_eq!(Rgb(0x1d, 0x4f, 0x91).text_on(), Rgb(255, 255, 255));
    }

    #[test]
    fn the_demo_logo_is_a_readable_png_and_other_files_are_refused() {
        assert!(Logo::from_bytes(DEMO_LOGO.to_vec(), "demo").is_ok());
        let refused = Logo::from_bytes(b"<svg/>".to_vec(), "x.svg").err();
        assert!(refused.unwrap_or_default().contains("PNG or JPEG"));
        // A PNG whose header is fine but whose pixels are not: refused at start, not found out
        // when the first document comes out empty.
        let mut broken = DEMO_LOGO.to_vec();
        let idat = broken.windows(4).position(|w| w == b"IDAT").unwrap_or(0);
        for b in broken.iter_mut().skip(idat + 8).take(200) {
            *b = 0x55;
        }
        let refused = Logo::from_bytes(broken, "broken.png").err();
        assert!(refused.unwrap_or_default().contains("broken.png"));
    }
}
