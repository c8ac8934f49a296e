//! The municipality's electronic seal: every issued PDF (documents and cover letters) is
//! signed as PAdES baseline B-B (`ETSI.CAdES.detached`) with the municipality's certificate,
//! so anyone can check with a PDF reader who issued it and that not one byte changed since.
//!
//! Production mode reads the certificate and key from a PKCS#12 file (`SEAL_PKCS12_FILE`,
//! `SEAL_PKCS12_PASSWORD`); demo mode makes its own demo certificate at first start and keeps
//! it in the data directory (see `demo_certificate`).
use super::demo_certificate;
use chrono::{DateTime, Utc};
use lopdf_seal::{Document, Object, StringFormat};
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use underskrift::cms::builder::{CmsProfile, PdfCmsBuilder};
use underskrift::core::incremental::IncrementalWriter;
use underskrift::core::sig_dict::{build_sig_dict, SigSubFilter};
use underskrift::core::sig_field::{build_sig_field, SignatureFieldOptions};
use underskrift::core::{acroform, parser};
use underskrift::{CryptoSigner, SignatureAlgorithm, SoftwareSigner};

/// Where the seal's certificate and key come from.
#[derive(Clone)]
pub enum SealSource {
    /// The municipality's PKCS#12 file and its password.
    Pkcs12 { file: PathBuf, password: String },
    /// Demo mode: a demo certificate kept in this directory, made when it is not there.
    Demo { dir: PathBuf },
}

/// The seal, loaded once (at start, see [`Seal::load`]) and shared by every clone.
#[derive(Clone)]
pub struct Seal {
    source: SealSource,
    signer: Arc<OnceLock<Result<Arc<SoftwareSigner>, String>>>,
}

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            SealSource::Pkcs12 { file, .. } => write!(f, "Seal(PKCS#12 {})", file.display()),
            SealSource::Demo { dir } => write!(f, "Seal(demo in {})", dir.display()),
        }
    }
}

impl Seal {
    pub fn new(source: SealSource) -> Self {
        Self {
            source,
            signer: Arc::new(OnceLock::new()),
        }
    }

    /// Demo mode's seal, kept in `dir`.
    pub fn demo(dir: impl Into<PathBuf>) -> Self {
        Self::new(SealSource::Demo { dir: dir.into() })
    }

    /// Demo mode's PKCS#12 file (its password is public: `loket-demo-seal`).
    pub fn demo_file(&self) -> Option<PathBuf> {
        match &self.source {
            SealSource::Demo { dir } => Some(demo_certificate::file_in(dir)),
            SealSource::Pkcs12 { .. } => None,
        }
    }

    /// Reads (or, in demo mode, makes) the certificate and key; an error says what is wrong
    /// with the file or password. Called at start, so a bad seal stops the service there.
    pub fn load(&self) -> Result<(), String> {
        self.signer().map(|_| ())
    }

    fn signer(&self) -> Result<Arc<SoftwareSigner>, String> {
        self.signer
            .get_or_init(|| read(&self.source).map(Arc::new))
            .clone()
    }

    /// The PDF with the seal added (an incremental update that signs every byte before it),
    /// `now` as its signing time (the signature dictionary's `/M`, as PAdES asks).
    pub fn apply(
        &self,
        municipality: &str,
        pdf: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Vec<u8>, String> {
        let signer = self.signer()?;
        // Room for the signature: underskrift's upper bound for this key and chain.
        let room = PdfCmsBuilder::new(signer.as_ref()).estimate_size();
        let prepared =
            prepare(municipality, pdf, now, room).map_err(|e| format!("sealing: {e}"))?;
        sign(prepared, signer.as_ref()).map_err(|e| format!("sealing: {e}"))
    }

    /// [`Seal::apply`] for a document about to be issued: a failure is logged and the PDF
    /// goes out as rendered (its verification code still proves it), rather than not at all.
    pub fn seal(&self, municipality: &str, pdf: Vec<u8>) -> Vec<u8> {
        match self.apply(municipality, &pdf, Utc::now()) {
            Ok(sealed) => sealed,
            Err(e) => {
                tracing::error!(error = %e, "a document went out without the electronic seal");
                pdf
            }
        }
    }
}

fn read(source: &SealSource) -> Result<SoftwareSigner, String> {
    let (bytes, password, name) = match source {
        SealSource::Pkcs12 { file, password } => (
            std::fs::read(file).map_err(|e| format!("SEAL_PKCS12_FILE {}: {e}", file.display()))?,
            password.as_str(),
            format!("SEAL_PKCS12_FILE {}", file.display()),
        ),
        SealSource::Demo { dir } => (
            demo_certificate::load_or_create(dir)?,
            demo_certificate::DEMO_PASSWORD,
            demo_certificate::file_in(dir).display().to_string(),
        ),
    };
    let signer = SoftwareSigner::from_pkcs12_data(&bytes, password).map_err(|e| {
        format!(
            "{name}: {e} (is SEAL_PKCS12_PASSWORD right? OpenSSL 3 needs \
             'openssl pkcs12 -export -legacy' for a file this service can read)"
        )
    })?;
    // underskrift 0.1.4 hashes twice with an ECDSA key: its seals would not verify.
    match signer.signature_algorithm() {
        SignatureAlgorithm::RsaPkcs1v15 | SignatureAlgorithm::RsaPss => Ok(signer),
        other => Err(format!("{name}: the seal's key must be RSA, not {other:?}")),
    }
}

/// The incremental update with `room` bytes for the signature: underskrift's own steps, plus the `/M`
/// signing time its `PdfSigner` (0.1.4) does not write.
fn prepare(
    municipality: &str,
    pdf: &[u8],
    now: DateTime<Utc>,
    room: usize,
) -> Result<IncrementalWriter, String> {
    let text = |s: String| Object::String(s.into_bytes(), StringFormat::Literal);
    let mut doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let meta = parser::extract_metadata(&doc).map_err(|e| e.to_string())?;
    let mut sig_dict = build_sig_dict(SigSubFilter::EtsiCadesDetached, room);
    sig_dict.set("M", text(now.format("D:%Y%m%d%H%M%S+00'00'").to_string()));
    sig_dict.set("Name", text(municipality.to_owned()));
    sig_dict.set(
        "Reason",
        text(format!("Elektronisch zegel van {municipality}")),
    );
    sig_dict.set("Location", text(municipality.to_owned()));
    let sig_dict_id = doc.add_object(Object::Dictionary(sig_dict));
    let field = SignatureFieldOptions {
        name: "Zegel".into(),
        page: 0,
        rect: [0.0; 4],
    };
    let field_id = doc.add_object(Object::Dictionary(build_sig_field(&field, sig_dict_id)));
    acroform::ensure_acroform(&mut doc, field_id, 0).map_err(|e| e.to_string())?;
    let mut writer = IncrementalWriter::new(
        pdf.to_vec(),
        meta.trailer_size,
        meta.xref_offset,
        meta.root_id,
        room * 2,
    );
    writer.set_sig_dict_id(sig_dict_id);
    let mut changed = vec![sig_dict_id, field_id, meta.root_id];
    if let Ok(Object::Reference(acroform)) = doc
        .get_object(meta.root_id)
        .and_then(|o| o.as_dict())
        .and_then(|catalog| catalog.get(b"AcroForm"))
    {
        changed.push(*acroform);
    }
    changed.extend(doc.get_pages().get(&1).copied());
    for id in changed {
        let object = doc.get_object(id).map_err(|e| e.to_string())?;
        writer.add_object(id, object.clone());
    }
    Ok(writer)
}

/// Writes the update, signs the bytes it covers (CMS, PAdES profile) and puts the signature in.
fn sign(writer: IncrementalWriter, signer: &dyn CryptoSigner) -> Result<Vec<u8>, String> {
    let (mut output, byte_range) = writer.write().map_err(|e| e.to_string())?;
    let [start1, len1, start2, len2] = byte_range.compute(output.len());
    let mut hasher = signer.digest_algorithm().new_hasher();
    hasher.update(&output[start1..start1 + len1]);
    hasher.update(&output[start2..start2 + len2]);
    let cms = PdfCmsBuilder::new(signer)
        .profile(CmsProfile::Pades)
        .build(&hasher.finalize())
        .map_err(|e| e.to_string())?;
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    if hex.len() > byte_range.contents_length {
        return Err(format!("the signature needs {} bytes", cms.len()));
    }
    let at = byte_range.contents_offset;
    output[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(output)
}
