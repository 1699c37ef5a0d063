//! The OpenAPI schemas of the domain's tokens in the API's answers: a string with the
//! values the domain's enum can take, listed from its `ALL`. The answers carry the typed
//! values themselves (they serialize as their tokens), so a new status or contract type
//! is in the document the moment it exists, and none can drift from it.

use domain::{Channel, ContractType, Status, SubStatus};
use serde_json::Value;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

fn one_of(tokens: impl IntoIterator<Item = &'static str>, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(tokens))
        .description(Some(description))
}

/// The same, or `null` (which a JSON Schema `enum` must list to allow it).
fn one_of_or_null(tokens: impl IntoIterator<Item = &'static str>, description: &str) -> Object {
    let values = tokens.into_iter().map(Value::from).chain([Value::Null]);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
        .description(Some(description))
        .build()
}

pub fn contract_type() -> Object {
    one_of(
        ContractType::ALL.map(ContractType::as_str),
        "The contract's type.",
    )
    .build()
}

pub fn channel() -> Object {
    one_of(
        Channel::ALL.map(Channel::as_str),
        "How it is signed: by the provider alone, or by both parties.",
    )
    .build()
}

pub fn status() -> Object {
    one_of(Status::ALL.map(Status::as_str), "The contract's status.").build()
}

pub fn sub_status() -> Object {
    one_of(
        SubStatus::ALL.map(SubStatus::as_str),
        "Where the contract is within its status.",
    )
    .build()
}

pub fn status_or_null() -> Object {
    one_of_or_null(
        Status::ALL.map(Status::as_str),
        "The status the contract entered; null for an event that changes none.",
    )
}

pub fn sub_status_or_null() -> Object {
    one_of_or_null(
        SubStatus::ALL.map(SubStatus::as_str),
        "The sub-status the contract entered; null for an event that changes none.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_of_the_domain_is_listed_and_serializes_as_listed() {
        let listed = |schema: Object| -> Vec<Value> { schema.enum_values.unwrap_or_default() };
        for s in Status::ALL {
            let json = serde_json::to_value(s).unwrap();
            assert!(listed(status()).contains(&json), "{json}");
            assert!(listed(status_or_null()).contains(&json), "{json}");
        }
        for k in ContractType::ALL {
            assert!(listed(contract_type()).contains(&serde_json::to_value(k).unwrap()));
        }
        for c in Channel::ALL {
            assert!(listed(channel()).contains(&serde_json::to_value(c).unwrap()));
        }
        for s in SubStatus::ALL {
            assert!(listed(sub_status()).contains(&serde_json::to_value(s).unwrap()));
        }
        assert!(listed(sub_status_or_null()).contains(&Value::Null));
        assert_eq!(listed(status()).len(), Status::ALL.len());
    }
}
