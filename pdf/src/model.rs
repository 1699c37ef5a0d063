//! The document model the service fills in: everything [`crate::render`] prints.
//! Values are snapshots (R10): the engine never looks anything up.

use domain::contract::ContractType;

/// One contract to render.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractDocument {
    /// Human-readable contract number, e.g. "QY-20261123-000042"; printed on every page.
    pub number: String,
    pub kind: ContractType,
    /// The versioned template (see [`crate::templates`]), e.g. "framework-2026.1".
    pub template_version: String,
    /// The customer (甲方).
    pub party_a: Party,
    /// The provider (乙方), from configuration (R17).
    pub provider: Party,
    /// Orders, filings or recharge records; empty for framework contracts.
    pub items: Vec<ItemRow>,
    /// Integer fen (R15).
    pub total_fen: i64,
    /// UTC epoch milliseconds; printed in China Standard Time (R16).
    pub created_at_ms: i64,
    pub mode: DocumentMode,
    /// A renewal (R25): the contract it continues, and when its own term begins.
    pub renews: Option<Renews>,
}

/// What a renewal continues: printed with the contract's terms, since its year is counted
/// from that contract's end and not from its own signing.
#[derive(Debug, Clone, PartialEq)]
pub struct Renews {
    pub number: String,
    /// UTC epoch milliseconds; printed in China Standard Time (R16).
    pub term_starts_at_ms: i64,
}

/// A party block. All values are user or configuration text and are drawn as text only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Party {
    pub name: String,
    /// Already masked (e.g. "9135**********0Y43"); never unmasked by the engine.
    pub id_masked: Option<String>,
    pub address: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub postcode: String,
}

/// One row of the item table.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// Order number, filing number or recharge record number.
    pub reference: String,
    /// Product, site and domain, or recharge channel.
    pub description: String,
    /// Billing-mode label or another short note.
    pub detail: String,
    pub amount_fen: Option<i64>,
    /// Order date, filing date or paid-at time (UTC epoch ms).
    pub date_ms: i64,
}

/// Draft documents carry a watermark; formal ones carry seals, marks and the evidence page.
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentMode {
    Draft,
    /// A template's public sample: like a draft, watermarked 样本 instead of 草稿, so it
    /// can never be taken for a contract.
    Sample,
    Formal(FormalMarks),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormalMarks {
    /// When the contract took effect (the provider's signing date).
    pub effective_at_ms: i64,
    /// The text on the provider's round seal, e.g. "示例云计算有限公司".
    pub provider_seal_text: String,
    /// The customer's mark (dual channel); `None` for the single channel.
    pub customer_mark: Option<CustomerMark>,
    /// Party A signs the file too, with an event certificate, before the provider
    /// (dual channel, where the provider's CA can issue one): the evidence page says so.
    pub customer_signature: bool,
    /// Every signing event, printed on the evidence page in order.
    pub events: Vec<SigningEvent>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CustomerMark {
    /// A drawn signature: strokes of points normalised to 0..1, (0, 0) top left.
    Signature { strokes: Vec<Vec<(f32, f32)>> },
    /// An enterprise e-seal, drawn like the provider's seal.
    EnterpriseSeal { name: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SigningEvent {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    /// Already masked (e.g. "138****5678").
    pub phone_masked: Option<String>,
}
