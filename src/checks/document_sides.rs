//! `document.sides`: when an ID card is among the photos, are both its sides?

use super::{Check, Outcome, Run};
use crate::applicant::{Applicant, PhotoFacts};
use crate::options::Options;
use crate::profile::DocumentType;
use crate::report::Category;
use crate::vision::layout::DocumentKind;

pub static CHECK: Check = Check {
    id: "document.sides",
    category: Category::Document,
    title: "Both sides of the card",
    summary: "An ID card is photographed on both sides (its front, and its back with the \
              machine-readable zone).",
    what: "Looks at what the photo checks took each of one applicant's photos for. The back of \
           most identity cards carries the three-line machine-readable zone; the front has none. \
           A card back with no card front, or a single card photo without a machine-readable \
           zone, warns. Two card photos without a zone pass: some cards (the Chinese resident \
           identity card) have none on either side, and their sides cannot be told apart. Skipped \
           when no ID-1 card is among the photos, or when the form names a passport and a \
           passport page is among them (a card beside it is extra).",
    why: "Services that accept identity cards ask for both sides: the front shows the portrait \
          and name, the back the machine-readable zone and often the address. A submission with \
          one side is refused as incomplete, usually after a day or more of review.",
    fix: "Photograph the other side of the card too, with the same care, and upload both.",
    hint: "Add a photo of the other side of the card.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    // A photo uploaded twice is one side, not two (`file.duplicate` reports the repeat).
    let limit = options.thresholds.max_duplicate_distance;
    let repeated = super::file_duplicate::repeated(applicant.photos, limit);
    let photos: Vec<&PhotoFacts> = applicant
        .photos
        .iter()
        .zip(repeated)
        .filter_map(|(photo, repeat)| (!repeat).then_some(photo))
        .collect();
    let of_kind = |kind: DocumentKind| -> Vec<&PhotoFacts> {
        photos
            .iter()
            .copied()
            .filter(|p| p.document == Some(kind))
            .collect()
    };
    let (fronts, backs) = (
        of_kind(DocumentKind::Id1Front),
        of_kind(DocumentKind::Td1Back),
    );
    if fronts.is_empty() && backs.is_empty() {
        return Outcome::skip("No ID card among the photos.");
    }
    let passport_page = photos.iter().any(|p| p.document == Some(DocumentKind::Td3));
    if applicant.profile.document_type == Some(DocumentType::Passport) && passport_page {
        return Outcome::skip(
            "The form names a passport and a passport page is among the photos; the card is \
             extra.",
        );
    }
    let names = |photos: &[&PhotoFacts]| -> String {
        photos
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (fronts.len(), backs.len()) {
        (0, _) => Outcome::warn(format!(
            "Only the back of the ID card ({}, with its machine-readable zone): no photo of its \
             front.",
            names(&backs)
        ))
        .hint("Add a photo of the front of the card (the side with the portrait)."),
        (1, 0) => Outcome::warn(format!(
            "Only one side of the ID card ({}): no photo of its other side.",
            names(&fronts)
        )),
        (_, 0) => Outcome::pass(format!(
            "Two card photos without a machine-readable zone ({}), taken as the card's two sides \
             (some cards have no zone on either side).",
            names(&fronts)
        )),
        _ => Outcome::pass(format!(
            "Both sides of the ID card: the front ({}) and the back ({}).",
            names(&fronts),
            names(&backs)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::report::Status;

    fn photo(name: &str, content: u64, document: Option<DocumentKind>) -> PhotoFacts {
        PhotoFacts {
            source: name.to_owned(),
            content: (content, 1000),
            fingerprint: None,
            document,
        }
    }

    fn judge(photos: &[PhotoFacts], form: Option<DocumentType>) -> Status {
        let profile = Profile {
            document_type: form,
            ..Profile::default()
        };
        let options = Options::new(jiff::civil::date(2026, 11, 22));
        run(&Applicant::new(&profile, &[], photos), &options).status
    }

    #[test]
    fn one_side_of_a_card_warns_and_both_pass() {
        let front = photo("front.jpg", 1, Some(DocumentKind::Id1Front));
        let back = photo("back.jpg", 2, Some(DocumentKind::Td1Back));
        let passport = photo("passport.jpg", 3, Some(DocumentKind::Td3));
        assert_eq!(judge(std::slice::from_ref(&passport), None), Status::Skip);
        assert_eq!(judge(std::slice::from_ref(&front), None), Status::Warn);
        assert_eq!(judge(std::slice::from_ref(&back), None), Status::Warn);
        assert_eq!(judge(&[front.clone(), back.clone()], None), Status::Pass);
        // Two zone-less card photos: both sides of a card without a zone.
        let other = photo("other.jpg", 4, Some(DocumentKind::Id1Front));
        assert_eq!(judge(&[front.clone(), other], None), Status::Pass);
        // The same front twice is still one side.
        let again = photo("again.jpg", 1, Some(DocumentKind::Id1Front));
        assert_eq!(judge(&[front.clone(), again], None), Status::Warn);
        // The form names a passport, and one is here: the card is extra.
        let form = Some(DocumentType::Passport);
        assert_eq!(judge(&[passport, front.clone()], form), Status::Skip);
        assert_eq!(judge(&[front], form), Status::Warn);
    }
}
