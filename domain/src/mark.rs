//! The customer's mark on a dual-channel contract (R11, R12): a signature drawn by an
//! individual, or the enterprise's e-seal. Strokes are points normalised to 0..1 of
//! the drawing pad, (0, 0) top left, so the PDF can scale them to its signature box.

use crate::field_problem::Check;
use serde::{Deserialize, Serialize};

pub type Stroke = Vec<(f32, f32)>;

/// Field name of the drawing pad in field errors.
pub const SIGNATURE: &str = "signature";

/// Bounds that keep a stored signature small; a hand-drawn name is far inside them.
pub const MAX_STROKES: usize = 100;
pub const MAX_POINTS: usize = 5_000;
/// The shortest drawing accepted, in pad widths: a dot or a stray tap is not a signature.
pub const MIN_INK: f32 = 0.05;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CustomerMark {
    Signature { strokes: Vec<Stroke> },
    EnterpriseSeal { name: String },
}

/// Checks a drawn signature: not empty, not a dot, finite points inside the pad, and
/// within the size bounds.
pub fn validate_strokes(strokes: &[Stroke]) -> Result<(), Check> {
    let points: usize = strokes.iter().map(Vec::len).sum();
    if strokes.len() > MAX_STROKES || points > MAX_POINTS {
        return Err(Check::SignatureTooLarge);
    }
    let inside = |&(x, y): &(f32, f32)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y);
    if !strokes.iter().flatten().all(inside) {
        return Err(Check::SignatureInvalid);
    }
    if ink_length(strokes) < MIN_INK {
        return Err(Check::SignatureEmpty);
    }
    Ok(())
}

/// Total length of the drawn lines.
fn ink_length(strokes: &[Stroke]) -> f32 {
    strokes
        .iter()
        .flat_map(|s| s.windows(2))
        .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_drawing_or_a_dot_is_refused() {
        assert_eq!(validate_strokes(&[]), Err(Check::SignatureEmpty));
        assert_eq!(validate_strokes(&[vec![]]), Err(Check::SignatureEmpty));
        assert_eq!(
            validate_strokes(&[vec![(0.5, 0.5), (0.51, 0.5)]]),
            Err(Check::SignatureEmpty)
        );
    }

    #[test]
    fn a_drawn_name_is_accepted() {
        let strokes = vec![
            vec![(0.1, 0.5), (0.3, 0.2), (0.5, 0.6)],
            vec![(0.6, 0.3), (0.9, 0.4)],
        ];
        assert_eq!(validate_strokes(&strokes), Ok(()));
    }

    #[test]
    fn points_outside_the_pad_or_not_numbers_are_refused() {
        for bad in [
            (1.5, 0.5),
            (-0.1, 0.5),
            (f32::NAN, 0.5),
            (0.5, f32::INFINITY),
        ] {
            assert_eq!(
                validate_strokes(&[vec![(0.1, 0.1), bad, (0.9, 0.9)]]),
                Err(Check::SignatureInvalid)
            );
        }
    }

    #[test]
    fn oversized_drawings_are_refused() {
        let many = vec![vec![(0.1, 0.1), (0.9, 0.9)]; MAX_STROKES + 1];
        assert_eq!(validate_strokes(&many), Err(Check::SignatureTooLarge));
        let long = vec![vec![(0.5, 0.5); MAX_POINTS + 1]];
        assert_eq!(validate_strokes(&long), Err(Check::SignatureTooLarge));
    }

    #[test]
    fn marks_round_trip_through_json() {
        let mark = CustomerMark::EnterpriseSeal {
            name: "示例科技有限公司".into(),
        };
        let json = serde_json::to_string(&mark).unwrap();
        assert!(json.contains("enterprise_seal"));
        assert_eq!(serde_json::from_str::<CustomerMark>(&json).unwrap(), mark);
    }
}
