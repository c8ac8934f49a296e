//! The kinds of papers and files Loket deals in.

crate::vocabulary! {
    /// The family a document type belongs to; it decides how the document is made.
    pub enum DocumentKind {
        CriminalRecord = "criminal_record",
        RegisterCertificate = "register_certificate",
        CivilStatusDeed = "civil_status_deed",
    }

    /// A file attached to a request: the document itself or the letter that goes with it.
    pub enum FileKind {
        Document = "document",
        Letter = "letter",
    }

    /// The civil-status deeds DABS keeps.
    pub enum DeedType {
        Birth = "birth",
        Marriage = "marriage",
        Death = "death",
        Divorce = "divorce",
    }
}

impl DocumentKind {
    /// A criminal-record extract is only shown online to a requester who signed in.
    pub fn requires_sign_in_online(self) -> bool {
        self == Self::CriminalRecord
    }
}
