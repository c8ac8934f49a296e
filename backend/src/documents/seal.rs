//! The municipality's electronic seal: every issued PDF (documents and cover letters) is
//! signed as PAdES baseline B-B (`ETSI.CAdES.detached`) with the municipality's certificate,
//! so anyone can check with a PDF reader who issued it and that not one byte changed since.
//!
//! Production mode reads the certificate and key from a PKCS#12 file (`SEAL_PKCS12_FILE`,
//! `SEAL_PKCS12_PASSWORD`); demo mode makes its own demo certificate at first start and keeps
//! it in the data directory (see `demo_certificate`).
//!
//! With a timestamp service configured (`SEAL_TSA_URL`, `SEAL_TSA_TIMEOUT_MS`: see
//! [`Timestamping`] and [`Seal::with_timestamp`]) the seal is PAdES baseline B-T: the
//! signature carries an RFC 3161 timestamp token over its signature value, so the time it was
//! made no longer rests on the municipality's word alone. The service sees only a hash of the
//! signature value, nothing of the document. When it fails (down, too slow, a wrong answer)
//! the document is sealed B-B all the same, with a warning naming the service.
use super::demo_certificate;
use chrono::{DateTime, Utc};
use lopdf_seal::{Document, Object, StringFormat};
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use underskrift::cms::builder::{CmsProfile, PdfCmsBuilder};
use underskrift::core::incremental::IncrementalWriter;
use underskrift::core::sig_dict::{build_sig_dict, SigSubFilter};
use underskrift::core::sig_field::{build_sig_field, SignatureFieldOptions};
use underskrift::core::{acroform, parser};
use underskrift::tsp::TsaClient;
use underskrift::{CryptoSigner, DigestAlgorithm, PadesLevel, SignatureAlgorithm, SoftwareSigner};
use x509_cert::attr::{Attribute, Attributes};
use x509_cert::der::asn1::{Any, ObjectIdentifier, SetOfVec};
use x509_cert::der::{Decode, Encode, Tag, TagNumber, Tagged};

/// id-aa-signatureTimeStampToken (RFC 3161, appendix A): the unsigned attribute of a
/// SignerInfo that carries a timestamp token over that SignerInfo's signature value.
const SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// Room kept in `/Contents` for the token, on top of the B-B signature's: a TSA's token
/// with its certificate chain is typically 3 to 8 KiB.
const TOKEN_ROOM: usize = 16 * 1024;
/// How long past its own timeout the seal waits for the TSA thread before going on without.
const TSA_GRACE: Duration = Duration::from_secs(1);

/// Where the seal's certificate and key come from.
#[derive(Clone)]
pub enum SealSource {
    /// The municipality's PKCS#12 file and its password.
    Pkcs12 { file: PathBuf, password: String },
    /// Demo mode: a demo certificate kept in this directory, made when it is not there.
    Demo { dir: PathBuf },
}

/// A timestamp service (TSA, RFC 3161) for the seal: with one, seals are PAdES B-T.
#[derive(Clone, Debug)]
pub struct Timestamping {
    /// The TSA's URL (`SEAL_TSA_URL`), http or https; requests are POSTed to it as is.
    pub url: String,
    /// How long one request may take, connecting included (`SEAL_TSA_TIMEOUT_MS`, default
    /// [`Timestamping::DEFAULT_TIMEOUT`]); past it the document is sealed B-B.
    pub timeout: Duration,
}

impl Timestamping {
    /// Long enough for a TSA on another continent, short enough not to hold up issuing.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// The TSA at `url` with the default timeout.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }

    /// The URL as logs may show it: no user, password, query or fragment (a TSA account's
    /// credentials may be in them).
    fn shown(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(url) => format!("{}{}", url.origin().ascii_serialization(), url.path()),
            Err(_) => "(not a URL)".to_owned(),
        }
    }

    /// A token over `hash` (SHA-256 of a signature value), asked on a thread and runtime of
    /// its own: the caller is synchronous and may be a runtime's blocking thread, so nothing
    /// here enters, nests or blocks the caller's runtime. The client is made on that thread
    /// too, so no pooled connection outlives the runtime it belongs to.
    fn token(&self, hash: Vec<u8>) -> Result<Vec<u8>, String> {
        let (url, timeout) = (self.url.clone(), self.timeout);
        let (done, answer) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("seal-timestamp".into())
            .spawn(move || {
                let token = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| format!("cannot start a runtime: {e}"))
                    .and_then(|runtime| {
                        let client = TsaClient::new(&url).timeout(timeout);
                        runtime
                            .block_on(client.timestamp(&hash))
                            .map_err(|e| e.to_string())
                    });
                let _ = done.send(token);
            })
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        let token = answer
            .recv_timeout(timeout + TSA_GRACE)
            .map_err(|_| format!("no answer within {} ms", timeout.as_millis()))?;
        // underskrift's errors quote the URL; only the shown one goes in a log.
        token.map_err(|e| {
            let mut e = e.replace(&self.url, &self.shown());
            if let Ok(url) = url::Url::parse(&self.url) {
                e = e.replace(url.as_str(), &self.shown());
            }
            e
        })
    }
}

/// A sealed PDF and the PAdES baseline level its seal reached.
#[derive(Debug)]
pub struct Sealed {
    pub pdf: Vec<u8>,
    /// [`PadesLevel::BT`] when the TSA's token is in, [`PadesLevel::BB`] otherwise.
    pub level: PadesLevel,
}

/// The seal, loaded once (at start, see [`Seal::load`]) and shared by every clone.
#[derive(Clone)]
pub struct Seal {
    source: SealSource,
    signer: Arc<OnceLock<Result<Arc<SoftwareSigner>, String>>>,
    timestamping: Option<Timestamping>,
    /// Until when the TSA is not asked after it failed: a TSA that is down or slow then costs
    /// one timeout per [`TSA_PAUSE`], not one per document (a burst of documents would
    /// otherwise each wait the whole timeout).
    tsa_paused_until: Arc<std::sync::Mutex<Option<std::time::Instant>>>,
}

/// How long the TSA is left alone after it failed.
const TSA_PAUSE: Duration = Duration::from_secs(60);

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            SealSource::Pkcs12 { file, .. } => write!(f, "Seal(PKCS#12 {}", file.display()),
            SealSource::Demo { dir } => write!(f, "Seal(demo in {}", dir.display()),
        }?;
        match &self.timestamping {
            Some(tsa) => write!(f, ", timestamps from {})", tsa.shown()),
            None => write!(f, ")"),
        }
    }
}

impl Seal {
    pub fn new(source: SealSource) -> Self {
        Self {
            source,
            signer: Arc::new(OnceLock::new()),
            timestamping: None,
            tsa_paused_until: Arc::default(),
        }
    }

    /// This seal with a signature timestamp from `tsa` in every seal (PAdES B-T), or B-B
    /// when the TSA fails.
    pub fn with_timestamp(mut self, tsa: Timestamping) -> Self {
        self.timestamping = Some(tsa);
        self.tsa_paused_until = Arc::default();
        self
    }

    /// The TSA to ask now: none while it is paused after a failure.
    fn tsa_now(&self) -> Option<&Timestamping> {
        let tsa = self.timestamping.as_ref()?;
        let paused = self
            .tsa_paused_until
            .lock()
            .map(|until| until.is_some_and(|t| std::time::Instant::now() < t))
            .unwrap_or(false);
        if paused {
            tracing::warn!(
                tsa = %tsa.shown(),
                "the timestamp service failed less than a minute ago; sealed B-B, without asking it"
            );
            None
        } else {
            Some(tsa)
        }
    }

    /// The timestamp service, if one is configured.
    pub fn timestamping(&self) -> Option<&Timestamping> {
        self.timestamping.as_ref()
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
    /// with the file or password, or with the TSA's URL. Called at start, so a bad seal stops
    /// the service there (a TSA that is down does not: it is not asked here).
    pub fn load(&self) -> Result<(), String> {
        if let Some(tsa) = &self.timestamping {
            match url::Url::parse(&tsa.url) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {}
                _ => return Err(format!("SEAL_TSA_URL {}: not an http(s) URL", tsa.shown())),
            }
        }
        self.signer().map(|_| ())
    }

    fn signer(&self) -> Result<Arc<SoftwareSigner>, String> {
        self.signer
            .get_or_init(|| read(&self.source).map(Arc::new))
            .clone()
    }

    /// The PDF with the seal added (an incremental update that signs every byte before it),
    /// `now` as its signing time (the signature dictionary's `/M`, as PAdES asks); with a
    /// timestamp service, also its signature timestamp (B-T) unless the TSA fails (B-B).
    pub fn apply(
        &self,
        municipality: &str,
        pdf: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Sealed, String> {
        let signer = self.signer()?;
        let tsa = self.tsa_now();
        // Room for the signature: underskrift's upper bound for this key and chain, and the
        // token's when one is asked for.
        let room =
            PdfCmsBuilder::new(signer.as_ref()).estimate_size() + tsa.map_or(0, |_| TOKEN_ROOM);
        let prepared =
            prepare(municipality, pdf, now, room).map_err(|e| format!("sealing: {e}"))?;
        let sealed = sign(prepared, signer.as_ref(), tsa).map_err(|e| format!("sealing: {e}"))?;
        if tsa.is_some() && sealed.level != PadesLevel::BT {
            if let Ok(mut until) = self.tsa_paused_until.lock() {
                *until = Some(std::time::Instant::now() + TSA_PAUSE);
            }
        }
        Ok(sealed)
    }

    /// [`Seal::apply`] for a document about to be issued: a failure is logged and the PDF
    /// goes out as rendered (its verification code still proves it), rather than not at all.
    pub fn seal(&self, municipality: &str, pdf: Vec<u8>) -> Vec<u8> {
        match self.apply(municipality, &pdf, Utc::now()) {
            Ok(sealed) => sealed.pdf,
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

/// Writes the update, signs the bytes it covers (CMS, PAdES profile), adds the TSA's token
/// when there is a TSA and it answers, and puts the signature in.
fn sign(
    writer: IncrementalWriter,
    signer: &dyn CryptoSigner,
    tsa: Option<&Timestamping>,
) -> Result<Sealed, String> {
    let (mut output, byte_range) = writer.write().map_err(|e| e.to_string())?;
    let [start1, len1, start2, len2] = byte_range.compute(output.len());
    let mut hasher = signer.digest_algorithm().new_hasher();
    hasher.update(&output[start1..start1 + len1]);
    hasher.update(&output[start2..start2 + len2]);
    let cms = PdfCmsBuilder::new(signer)
        .profile(CmsProfile::Pades)
        .build(&hasher.finalize())
        .map_err(|e| e.to_string())?;
    let (cms, level) = match tsa {
        None => (cms, PadesLevel::BB),
        Some(tsa) => match timestamped(&cms, tsa) {
            Ok(stamped) if stamped.len() * 2 <= byte_range.contents_length => {
                (stamped, PadesLevel::BT)
            }
            Ok(stamped) => {
                tracing::warn!(
                    tsa = %tsa.shown(),
                    bytes = stamped.len(),
                    "the timestamp does not fit the room kept for it; sealed B-B, without it"
                );
                (cms, PadesLevel::BB)
            }
            Err(e) => {
                tracing::warn!(
                    tsa = %tsa.shown(),
                    error = %e,
                    "no timestamp from the timestamp service; sealed B-B, without it"
                );
                (cms, PadesLevel::BB)
            }
        },
    };
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    if hex.len() > byte_range.contents_length {
        return Err(format!("the signature needs {} bytes", cms.len()));
    }
    let at = byte_range.contents_offset;
    output[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(Sealed { pdf: output, level })
}

/// The CMS with the TSA's token over its signature value as the signer's
/// id-aa-signatureTimeStampToken. underskrift 0.1.4 asks and checks the token (its `tsp`
/// client verifies the TSA's signature, the hash and the nonce) but has no way to put one in
/// a CMS, so the SignerInfo is opened here: everything but its unsigned attributes is kept
/// byte for byte, so the signature over the signed attributes stays what it was.
fn timestamped(cms: &[u8], tsa: &Timestamping) -> Result<Vec<u8>, String> {
    let mut layers = Layers::open(cms).map_err(|e| format!("reading the seal's CMS: {e}"))?;
    let signature = layers
        .signer_info
        .iter()
        .find(|field| field.tag() == Tag::OctetString)
        .ok_or("the seal's CMS has no signature value")?
        .value();
    let token = tsa.token(DigestAlgorithm::Sha256.digest(signature))?;
    layers
        .add_unsigned(&token)
        .and_then(|()| layers.close())
        .map_err(|e| format!("putting the timestamp in: {e}"))
}

/// A CMS ContentInfo opened down to its (one) SignerInfo, each layer as its fields.
struct Layers {
    content_info: Vec<Any>,
    signed_data: Vec<Any>,
    signer_info: Vec<Any>,
}

/// `[1] IMPLICIT UnsignedAttributes` in a SignerInfo.
const UNSIGNED_ATTRIBUTES: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N1,
};

impl Layers {
    /// ContentInfo { contentType, [0] EXPLICIT SignedData { ..., signerInfos SET } }, the
    /// set holding exactly one SignerInfo (as underskrift makes it).
    fn open(cms: &[u8]) -> x509_cert::der::Result<Self> {
        let content_info = Vec::<Any>::from_der(cms)?;
        let content = content_info.get(1).ok_or(Tag::Sequence.value_error())?;
        let signed_data = Vec::<Any>::from_der(content.value())?;
        let signer_infos = signed_data
            .last()
            .filter(|set| set.tag() == Tag::Set)
            .ok_or(Tag::Set.value_error())?;
        let signer_info = Vec::<Any>::from_der(signer_infos.value())?;
        Ok(Self {
            content_info,
            signed_data,
            signer_info,
        })
    }

    /// `token` as the id-aa-signatureTimeStampToken unsigned attribute, next to any there.
    fn add_unsigned(&mut self, token: &[u8]) -> x509_cert::der::Result<()> {
        let mut attributes = match self.signer_info.last() {
            Some(last) if last.tag() == UNSIGNED_ATTRIBUTES => {
                let there = Any::new(Tag::Set, last.value())?.to_der()?;
                self.signer_info.pop();
                Attributes::from_der(&there)?
            }
            _ => Attributes::new(),
        };
        attributes.insert(Attribute {
            oid: SIGNATURE_TIME_STAMP_TOKEN,
            values: SetOfVec::try_from(vec![Any::from_der(token)?])?,
        })?;
        let set = Any::from_der(&attributes.to_der()?)?;
        self.signer_info
            .push(Any::new(UNSIGNED_ATTRIBUTES, set.value())?);
        Ok(())
    }

    /// The CMS again, each layer re-encoded around the (changed) one inside it.
    fn close(mut self) -> x509_cert::der::Result<Vec<u8>> {
        let signer_infos = Any::new(Tag::Set, self.signer_info.to_der()?)?;
        if let Some(last) = self.signed_data.last_mut() {
            *last = signer_infos;
        }
        if let Some(content) = self.content_info.get_mut(1) {
            *content = Any::new(content.tag(), self.signed_data.to_der()?)?;
        }
        self.content_info.to_der()
    }
}
