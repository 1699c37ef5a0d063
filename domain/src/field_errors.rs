//! Per-field validation problems, in the order the fields were checked. Serialised as a
//! JSON object `{ "field": problem, … }` so forms can show each problem, worded in the
//! page's language, under its field.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::field_problem::FieldProblem;

/// An ordered map from field name to one problem. The first problem added for a field
/// wins: later ones are ignored, so each field shows its most basic problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    entries: Vec<(String, FieldProblem)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `problem` for `field` unless the field already has one.
    pub fn add(&mut self, field: &str, problem: impl Into<FieldProblem>) {
        if self.get(field).is_none() {
            self.entries.push((field.to_string(), problem.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&FieldProblem> {
        self.entries
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| p)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// (field, problem) pairs in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldProblem)> {
        self.entries.iter().map(|(f, p)| (f.as_str(), p))
    }

    /// Adds `other`'s problems for fields that have none yet.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, problem) in other.entries {
            self.add(&field, problem);
        }
    }

    /// `Ok(value)` when there are no errors, otherwise `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    /// All problems in zh-CN joined with "；" (for logs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, problem)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(crate::text::LIST_SEPARATOR)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (field, problem) in &self.entries {
            map.serialize_entry(field, problem)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldErrorsVisitor;

        impl<'de> Visitor<'de> for FieldErrorsVisitor {
            type Value = FieldErrors;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from field name to problem")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<FieldErrors, A::Error> {
                let mut errors = FieldErrors::new();
                while let Some((field, problem)) = access.next_entry::<String, FieldProblem>()? {
                    errors.add(&field, problem);
                }
                Ok(errors)
            }
        }

        deserializer.deserialize_map(FieldErrorsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_problem::Check;

    const A: Check = Check::PhoneInvalid;
    const B: Check = Check::AddressRequired;
    const C: Check = Check::PhoneRequired;

    fn pairs(errors: &FieldErrors) -> Vec<(&str, FieldProblem)> {
        errors.iter().map(|(f, p)| (f, p.clone())).collect()
    }

    #[test]
    fn keeps_order_and_first_problem() {
        let mut errors = FieldErrors::new();
        assert!(errors.is_empty());
        errors.add("phone", A);
        errors.add("address", B);
        errors.add("phone", C);
        assert_eq!(errors.get("phone"), Some(&A.into()));
        assert_eq!(errors.get("email"), None);
        assert_eq!(errors.len(), 2);
        assert_eq!(pairs(&errors), [("phone", A.into()), ("address", B.into())]);
        assert_eq!(errors.to_string(), format!("{}；{}", A.label(), B.label()));
    }

    #[test]
    fn merge_adds_missing_fields_only() {
        let mut a = FieldErrors::new();
        a.add("x", A);
        let mut b = FieldErrors::new();
        b.add("x", B);
        b.add("y", C);
        a.merge(b);
        assert_eq!(pairs(&a), [("x", A.into()), ("y", C.into())]);
        assert_eq!(a.clone().into_result(()), Err(a));
        assert_eq!(FieldErrors::new().into_result(7), Ok(7));
    }

    #[test]
    fn serde_round_trip_through_a_map() {
        let mut errors = FieldErrors::new();
        errors.add("b", FieldProblem::SmsCodeWrong { left: 2 });
        errors.add("a", A);
        let json = serde_json::to_string(&errors).unwrap();
        assert_eq!(
            json,
            r#"{"b":{"SmsCodeWrong":{"left":2}},"a":{"Check":"phone_invalid"}}"#
        );
        let back: FieldErrors = serde_json::from_str(&json).unwrap();
        assert_eq!(back, errors);
        // A repeated field keeps its first problem.
        let twice: FieldErrors = serde_json::from_str(
            r#"{"b":{"Check":"phone_invalid"},"b":{"Check":"address_required"}}"#,
        )
        .unwrap();
        assert_eq!(twice.get("b"), Some(&A.into()));
    }
}
