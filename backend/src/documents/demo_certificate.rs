//! Demo mode's seal certificate: an RSA certificate for "Gemeente Voorbeeldegem (DEMO)",
//! issued by a demo CA of its own (trusted by no one), made at first start and kept as a
//! PKCS#12 file in the data directory, so every restart (and every instance on the same
//! directory) seals with the same certificate.
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use sha2::Sha256;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::Encode;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

/// The password of the demo PKCS#12 file: it protects nothing, the file is a demo's.
pub const DEMO_PASSWORD: &str = "loket-demo-seal";
/// The demo certificate's subject: it says it is a demo.
pub const DEMO_SUBJECT: &str =
    "CN=Gemeente Voorbeeldegem (DEMO),O=Gemeente Voorbeeldegem (DEMO),C=BE";
/// The demo CA that issues it: trusted by nobody, on purpose.
const DEMO_CA_SUBJECT: &str = "CN=Loket demo-CA (DEMO),O=Gemeente Voorbeeldegem (DEMO),C=BE";
const FILE_NAME: &str = "seal-demo.p12";
/// Ten years: a demo certificate should not expire under a running demo.
const VALIDITY: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// The demo PKCS#12 file in `dir`, made on first use.
pub fn load_or_create(dir: &Path) -> Result<Vec<u8>, String> {
    let path = dir.join(FILE_NAME);
    if let Ok(bytes) = std::fs::read(&path) {
        return Ok(bytes);
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let bytes = make()?;
    // Written aside, then linked in place: an instance starting at the same moment either
    // wins or finds the other's file; nobody reads half a file.
    let aside = dir.join(format!("{FILE_NAME}.{}", std::process::id()));
    std::fs::write(&aside, &bytes).map_err(|e| format!("{}: {e}", aside.display()))?;
    let linked = std::fs::hard_link(&aside, &path);
    let _ = std::fs::remove_file(&aside);
    match linked {
        Ok(()) => Ok(bytes),
        Err(_) => std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display())),
    }
}

/// Where demo mode keeps its seal.
pub fn file_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// A new key and certificate, issued by a demo CA made for the purpose (its certificate goes
/// along), as legacy-encrypted PKCS#12 (what underskrift reads).
fn make() -> Result<Vec<u8>, String> {
    let ca_subject = Name::from_str(DEMO_CA_SUBJECT).map_err(|e| format!("demo CA: {e}"))?;
    let (ca_key, ca_spki) = new_key()?;
    let ca_signer = SigningKey::<Sha256>::new(ca_key);
    let ca = certificate(Profile::Root, ca_subject.clone(), ca_spki, &ca_signer)?;
    let (key, spki) = new_key()?;
    let leaf = Profile::Leaf {
        issuer: ca_subject,
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let subject = Name::from_str(DEMO_SUBJECT).map_err(|e| format!("demo seal: {e}"))?;
    let seal = certificate(leaf, subject, spki, &ca_signer)?;
    let key_der = key
        .to_pkcs8_der()
        .map_err(|e| format!("demo seal key: {e}"))?;
    let pfx = p12::PFX::new(
        &seal,
        key_der.as_bytes(),
        Some(&ca),
        DEMO_PASSWORD,
        "Gemeente Voorbeeldegem (DEMO)",
    )
    .ok_or("demo seal: could not make the PKCS#12 file")?;
    Ok(pfx.to_der())
}

fn new_key() -> Result<(RsaPrivateKey, SubjectPublicKeyInfoOwned), String> {
    let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
        .map_err(|e| format!("demo seal key: {e}"))?;
    let public = key
        .to_public_key()
        .to_public_key_der()
        .map_err(|e| format!("demo seal key: {e}"))?;
    let spki = SubjectPublicKeyInfoOwned::try_from(public.as_bytes())
        .map_err(|e| format!("demo seal key: {e}"))?;
    Ok((key, spki))
}

/// A certificate (DER) for `subject`'s key, signed by `issuer`.
fn certificate(
    profile: Profile,
    subject: Name,
    spki: SubjectPublicKeyInfoOwned,
    issuer: &SigningKey<Sha256>,
) -> Result<Vec<u8>, String> {
    let mut serial: [u8; 8] = rand::random();
    serial[0] &= 0x7f;
    let builder = CertificateBuilder::new(
        profile,
        SerialNumber::new(&serial).map_err(|e| format!("demo seal serial: {e}"))?,
        Validity::from_now(VALIDITY).map_err(|e| format!("demo seal validity: {e}"))?,
        subject,
        spki,
        issuer,
    )
    .map_err(|e| format!("demo seal certificate: {e}"))?;
    builder
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(|e| format!("demo seal certificate: {e}"))?
        .to_der()
        .map_err(|e| format!("demo seal certificate: {e}"))
}
