//! Per-field validation messages, in the order the fields were checked. Serialised as a
//! JSON object `{ "field": "message", … }` so forms can show each message under its field.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ordered map from field name to one zh message. The first message added for a
/// field wins: later ones are ignored, so each field shows its most basic problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    entries: Vec<(String, String)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `field` unless the field already has one.
    pub fn add(&mut self, field: &str, message: &str) {
        if self.get(field).is_none() {
            self.entries.push((field.to_string(), message.to_string()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// (field, message) pairs in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// Adds `other`'s messages for fields that have none yet.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, message) in other.entries {
            self.add(&field, &message);
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
    /// All messages joined with "；" (for logs and one-line notices).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, message)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(crate::text::LIST_SEPARATOR)?;
            }
            f.write_str(message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (field, message) in &self.entries {
            map.serialize_entry(field, message)?;
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
                f.write_str("a map from field name to message")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<FieldErrors, A::Error> {
                let mut errors = FieldErrors::new();
                while let Some((field, message)) = access.next_entry::<String, String>()? {
                    errors.add(&field, &message);
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

    #[test]
    fn keeps_order_and_first_message() {
        let mut errors = FieldErrors::new();
        assert!(errors.is_empty());
        errors.add("phone", "a");
        errors.add("address", "b");
        errors.add("phone", "c");
        assert_eq!(errors.get("phone"), Some("a"));
        assert_eq!(errors.get("email"), None);
        assert_eq!(errors.len(), 2);
        let pairs: Vec<_> = errors.iter().collect();
        assert_eq!(pairs, [("phone", "a"), ("address", "b")]);
        assert_eq!(errors.to_string(), "a；b");
    }

    #[test]
    fn merge_adds_missing_fields_only() {
        let mut a = FieldErrors::new();
        a.add("x", "1");
        let mut b = FieldErrors::new();
        b.add("x", "2");
        b.add("y", "3");
        a.merge(b);
        let pairs: Vec<_> = a.iter().collect();
        assert_eq!(pairs, [("x", "1"), ("y", "3")]);
        assert_eq!(a.clone().into_result(()), Err(a));
        assert_eq!(FieldErrors::new().into_result(7), Ok(7));
    }

    #[test]
    fn serde_round_trip_through_a_map() {
        use serde::de::value::{Error, MapDeserializer};
        let source = vec![("b", "2"), ("a", "1"), ("b", "ignored")];
        let errors =
            FieldErrors::deserialize(MapDeserializer::<_, Error>::new(source.into_iter())).unwrap();
        let pairs: Vec<_> = errors.iter().collect();
        assert_eq!(pairs, [("b", "2"), ("a", "1")]);
    }
}
