//! What an audit event adds to its action, typed: stored as JSON in
//! `audit_events.detail` and worded when the event is shown, in the reader's language,
//! like the action itself. Events written before details were typed keep their text as
//! it was ([`AuditDetail::Text`]): it is shown as written, never parsed.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::api_key::ApiScope;
use crate::contract::{Channel, ContractType};
use crate::paper::SubjectResolution;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditDetail {
    /// A contract saved: its type, channel and number of items.
    ContractCreated {
        kind: ContractType,
        channel: Channel,
        items: usize,
    },
    /// Paper copies asked for, to a city.
    PaperRequested {
        copies: i64,
        city: String,
    },
    /// A parcel on its way.
    Shipment {
        carrier: String,
        tracking_no: String,
    },
    /// The customer's stamped copies sent to the provider.
    StampingSubmitted {
        copies: i64,
        courier: String,
        tracking_no: String,
    },
    /// The verified subject's name changed.
    SubjectChanged {
        old: String,
        new: String,
    },
    /// A subject change handled by an operator.
    HoldLifted {
        resolution: SubjectResolution,
        note: String,
    },
    /// A batch of the billing API.
    Items {
        count: usize,
    },
    /// A signer, by name and masked phone.
    Signer {
        name: String,
        phone_masked: String,
    },
    /// A masked phone (where a code was sent).
    Phone {
        masked: String,
    },
    /// The verified subject's name.
    Subject {
        name: String,
    },
    ApiKeyCreated {
        id: i64,
        name: String,
        scope: ApiScope,
        valid_days: Option<u32>,
    },
    ApiKeyRevoked {
        id: i64,
    },
    /// An expiry notice: the contract's days left when it was sent.
    Expiring {
        days_left: i64,
    },
    /// The renewal (R25) that continues a filing contract, by its number.
    Renewal {
        number: String,
    },
    /// A billing API call and its HTTP status.
    ApiCall {
        call: String,
        status: u16,
    },
    /// An event written before details were typed: its text, as written.
    Text(String),
}

impl AuditDetail {
    /// The `audit_events.detail` value.
    pub fn to_stored(&self) -> String {
        match self {
            // Old text stays old text: never re-encoded.
            Self::Text(text) => text.clone(),
            typed => serde_json::to_string(typed).unwrap_or_default(),
        }
    }

    /// Reads a stored value: a typed detail, else the text of an older event.
    pub fn from_stored(stored: &str) -> Self {
        match serde_json::from_str::<AuditDetail>(stored) {
            Ok(Self::Text(_)) | Err(_) => Self::Text(stored.to_string()),
            Ok(typed) => typed,
        }
    }
}

/// zh-CN, as the timeline shows it to a Chinese reader.
impl fmt::Display for AuditDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ContractCreated {
                kind,
                channel,
                items,
            } => write!(f, "{} · {} · {items} 项", kind.label(), channel.label()),
            Self::PaperRequested { copies, city } => write!(f, "{copies} 份 · {city}"),
            Self::Shipment {
                carrier,
                tracking_no,
            } => write!(f, "{carrier} {tracking_no}"),
            Self::StampingSubmitted {
                copies,
                courier,
                tracking_no,
            } => write!(f, "{copies} 份 · {courier} {tracking_no}"),
            Self::SubjectChanged { old, new } => write!(f, "{old} → {new}"),
            Self::HoldLifted { resolution, note } => write!(f, "{}：{note}", resolution.label()),
            Self::Items { count } => write!(f, "{count} 项"),
            Self::Signer { name, phone_masked } => write!(f, "{name} · {phone_masked}"),
            Self::Phone { masked } => f.write_str(masked),
            Self::Subject { name } => f.write_str(name),
            Self::ApiKeyCreated {
                id,
                name,
                scope,
                valid_days,
            } => {
                let scope = match scope {
                    ApiScope::Full => "完全访问",
                    ApiScope::Read => "只读",
                };
                match valid_days {
                    Some(days) => write!(f, "{id} {name}（{scope}，{days} 天）"),
                    None => write!(f, "{id} {name}（{scope}，长期有效）"),
                }
            }
            Self::ApiKeyRevoked { id } => write!(f, "{id}"),
            Self::Expiring { days_left } => write!(f, "{days_left} 天后到期"),
            Self::ApiCall { call, status } => write!(f, "{call} → {status}"),
            Self::Renewal { number } => write!(f, "续签合同 {number}"),
            Self::Text(text) => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_detail_is_stored_as_tokens_and_read_back() {
        let detail = AuditDetail::ContractCreated {
            kind: ContractType::Order,
            channel: Channel::Dual,
            items: 3,
        };
        let stored = detail.to_stored();
        assert_eq!(
            stored,
            r#"{"contract_created":{"kind":"order","channel":"dual","items":3}}"#
        );
        assert_eq!(AuditDetail::from_stored(&stored), detail);
        assert_eq!(detail.to_string(), "订单合同 · 双方电子签章 · 3 项");
    }

    #[test]
    fn an_older_event_keeps_its_text() {
        for old in [
            "2 份 · 上海市",
            "顺丰 SF123",
            "",
            "{not json",
            r#"{"text":"x"}"#,
        ] {
            let read = AuditDetail::from_stored(old);
            assert_eq!(read, AuditDetail::Text(old.to_string()));
            assert_eq!(read.to_stored(), old);
            assert_eq!(read.to_string(), old);
        }
    }
}
