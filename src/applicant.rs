//! One applicant: the details they typed into the form (the [`Profile`]) and what their
//! documents say, as read from the machine-readable zones of their photos.
//!
//! The checks of the typed details run once per applicant, after the photos, because the
//! document is the authority: a birth date or an expiry read from an MRZ whose check digits
//! hold is used in place of the typed one, and a typed value that differs from it is a finding
//! of its own. Only readings that passed every check digit count as evidence; a doubtful read
//! is already reported by `document.mrz` and must not be compared with what was typed.
//!
//! The checks across an applicant's photos (the same photo twice, a card's front without its
//! back) look at [`PhotoFacts`]: what the photo checks found out about each photo that a
//! comparison between photos needs, without keeping its pixels.
//!
//! A [`ReadDocument`] holds personal data unmasked. It is never serialised; the checks decide
//! what of it to print, through [`crate::pii::Masker`].

use jiff::civil::Date;

use crate::ids::{self, Encoded};
use crate::mrz::ParsedMrz;
use crate::profile::{DocumentType, Profile};
use crate::vision::fingerprint::Fingerprint;
use crate::vision::layout::DocumentKind;

/// The fields of one document, read from the MRZ of one photo with every check digit right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadDocument {
    /// The photo it was read from, as given on the command line.
    pub source: String,
    pub mrz: ParsedMrz,
}

impl ReadDocument {
    /// The expiry date, its century resolved against `today`; `None` when the layout has none
    /// (the French ID card) or the printed date is not a calendar date.
    pub fn expiry_date(&self, today: Date) -> Option<Date> {
        self.mrz.expiry_date.as_ref()?.as_expiry_date(today)
    }

    /// The birth date, in the latest century that puts it on or before `today`.
    pub fn birth_date(&self, today: Date) -> Option<Date> {
        self.mrz.birth_date.as_birth_date(today)
    }

    /// Whether the document is of the kind the form names. ICAO document codes start with `P`
    /// for passports, `I`, `A` or `C` for identity cards and residence permits (states use all
    /// three for both), `V` for visas, which are never the identity document of a form.
    pub fn is_a(&self, kind: DocumentType) -> bool {
        let code = self.mrz.document_code.chars().next().unwrap_or('<');
        match kind {
            DocumentType::Passport => code == 'P',
            DocumentType::IdCard | DocumentType::ResidencePermit => matches!(code, 'I' | 'A' | 'C'),
            DocumentType::DrivingLicence => code == 'D',
        }
    }

    /// The file name of the photo, for messages ("read from passport.jpg").
    pub fn photo_name(&self) -> String {
        file_name(&self.source)
    }
}

/// What the checks across photos know of one photo that could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFacts {
    /// The photo, as given on the command line or found in a folder.
    pub source: String,
    /// A hash of the file's bytes and their number: equal for the same file uploaded twice.
    pub content: (u64, u64),
    /// What stays the same when the picture is re-saved; `None` when it was not decoded.
    pub fingerprint: Option<Fingerprint>,
    /// The document the photo checks judged; `None` when none was found.
    pub document: Option<DocumentKind>,
}

impl PhotoFacts {
    /// The file name of the photo, for messages.
    pub fn name(&self) -> String {
        file_name(&self.source)
    }
}

/// A path's last component, escaped for printing.
fn file_name(source: &str) -> String {
    let name = std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_owned(), |n| n.to_string_lossy().into_owned());
    crate::text::escape(&name)
}

/// What an applicant's photos gave, gathered as each is checked.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Every file of the applicant, as reported, readable or not.
    pub files: Vec<String>,
    /// The photos that could be read.
    pub photos: Vec<PhotoFacts>,
    /// The documents read from them with every check digit right.
    pub documents: Vec<ReadDocument>,
}

/// Everything the checks of the typed details and across photos look at.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    /// What was typed; every field empty when no profile was given.
    pub profile: &'a Profile,
    /// Documents read from the applicant's photos, in input order.
    pub documents: &'a [ReadDocument],
    /// Every photo of the applicant that could be read, in input order; empty when the checks
    /// of the typed details run on a profile alone.
    pub photos: &'a [PhotoFacts],
}

impl<'a> Applicant<'a> {
    pub fn new(
        profile: &'a Profile,
        documents: &'a [ReadDocument],
        photos: &'a [PhotoFacts],
    ) -> Self {
        Applicant {
            profile,
            documents,
            photos,
        }
    }

    /// What the typed ID number encodes (birth date, sex), when it is valid and of a kind
    /// whose numbers encode anything.
    pub fn encoded_by_id_number(&self, today: Date) -> Option<Encoded> {
        let number = ids::normalise(self.profile.id_number.as_deref()?);
        ids::validate(self.profile.id_type?, &number, today)?.ok()
    }

    /// The documents the typed details are about: those of the kind the form names when it
    /// names one and one of them is, otherwise all (the form did not say, or the photos are of
    /// another document than the one named, which the fields will then show).
    pub fn documents_typed_about(&self) -> Vec<&'a ReadDocument> {
        let all = self.documents.iter();
        match self.profile.document_type {
            Some(kind) if self.documents.iter().any(|d| d.is_a(kind)) => {
                all.filter(|d| d.is_a(kind)).collect()
            }
            _ => all.collect(),
        }
    }
}
