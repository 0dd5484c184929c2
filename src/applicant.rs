//! One applicant: the details they typed into the form (the [`Profile`]) and what their
//! documents say, as read from the machine-readable zones of their photos.
//!
//! The checks of the typed details run once per applicant, after the photos, because the
//! document is the authority: a birth date or an expiry read from an MRZ whose check digits
//! hold is used in place of the typed one, and a typed value that differs from it is a finding
//! of its own. Only readings that passed every check digit count as evidence; a doubtful read
//! is already reported by `document.mrz` and must not be compared with what was typed.
//!
//! A [`ReadDocument`] holds personal data unmasked. It is never serialised; the checks decide
//! what of it to print, through [`crate::pii::Masker`].

use jiff::civil::Date;

use crate::ids::{self, Encoded};
use crate::mrz::ParsedMrz;
use crate::profile::{DocumentType, Profile};

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
        let name = std::path::Path::new(&self.source)
            .file_name()
            .map_or_else(|| self.source.clone(), |n| n.to_string_lossy().into_owned());
        crate::text::escape(&name)
    }
}

/// Everything the checks of the typed details look at.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    /// What was typed; every field empty when no profile was given.
    pub profile: &'a Profile,
    /// Documents read from the applicant's photos, in input order.
    pub documents: &'a [ReadDocument],
}

impl<'a> Applicant<'a> {
    pub fn new(profile: &'a Profile, documents: &'a [ReadDocument]) -> Self {
        Applicant { profile, documents }
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
