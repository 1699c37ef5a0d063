//! Many contracts' documents as one zip archive (issue 31): finance takes fifty at once
//! instead of one by one. Every PDF is re-hashed as it goes in (R10); one that no longer
//! matches its recorded SHA-256 ends the archive with an error, so the download fails
//! instead of leaving a partial archive that looks complete. The archive is written as it
//! is sent: one document in memory at a time, whatever the number of documents.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use domain::calendar::{cst_date, format_cst_minute, CST_OFFSET_MS, MS_PER_DAY};
use domain::contract::ContractType;
use domain::money::format_yuan;
use domain::Status;
use futures::Stream;
use zip::write::{SimpleFileOptions, StreamWriter, ZipWriter};
use zip::CompressionMethod;

use crate::contracts::documents::PdfKind;
use crate::contracts::{from_row, Contract, StoredPdf, COLUMNS};
use crate::error::ServiceError;
use crate::platform::db::Db;
use crate::platform::storage::{sha256_hex, Storage};

pub use domain::contract::ARCHIVE_LIMIT;

/// Why an archive was refused before a byte of it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveRefusal {
    NoneChosen,
    TooMany {
        limit: usize,
    },
    /// A chosen contract has no document yet (its draft is still being made).
    NoDocument {
        number: String,
    },
}

#[derive(Debug)]
pub enum ArchiveError {
    Refused(ArchiveRefusal),
    /// `NotFound` when a number is not the account's: the whole request is a 404.
    Service(ServiceError),
}

impl From<ServiceError> for ArchiveError {
    fn from(e: ServiceError) -> Self {
        Self::Service(e)
    }
}

/// One document of the archive: the formal PDF once there is one, the draft before.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveEntry {
    pub number: String,
    pub kind: ContractType,
    pub status: Status,
    pub effective_at: Option<i64>,
    pub total_fen: i64,
    pub document: PdfKind,
    pub pdf: StoredPdf,
    /// The entry's time in the archive: when it took effect, else its last change.
    pub modified_at: i64,
}

/// What goes into the archive of `numbers` (duplicates once, in the order given), or
/// why nothing does. Every number is looked up before anything is written.
pub async fn plan(
    db: &Db,
    account_id: i64,
    numbers: &[String],
) -> Result<Vec<ArchiveEntry>, ArchiveError> {
    let mut unique: Vec<&str> = Vec::with_capacity(numbers.len().min(ARCHIVE_LIMIT + 1));
    for number in numbers.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !unique.contains(&number) {
            unique.push(number);
        }
        if unique.len() > ARCHIVE_LIMIT {
            return Err(ArchiveError::Refused(ArchiveRefusal::TooMany {
                limit: ARCHIVE_LIMIT,
            }));
        }
    }
    if unique.is_empty() {
        return Err(ArchiveError::Refused(ArchiveRefusal::NoneChosen));
    }
    let mut found = of_account(db, account_id, &unique).await?;
    let mut entries = Vec::with_capacity(unique.len());
    for number in unique {
        let contract = found.remove(number).ok_or(ServiceError::NotFound)?;
        let number = contract.number.to_string();
        let entry = entry_of(contract)
            .ok_or(ArchiveError::Refused(ArchiveRefusal::NoDocument { number }))?;
        entries.push(entry);
    }
    Ok(entries)
}

/// A contract's entry: its formal document once there is one, else its draft; `None`
/// before it has either.
pub fn entry_of(contract: Contract) -> Option<ArchiveEntry> {
    let (document, pdf) = match (contract.formal_pdf, contract.draft_pdf) {
        (Some(formal), _) => (PdfKind::Formal, formal),
        (None, Some(draft)) => (PdfKind::Draft, draft),
        (None, None) => return None,
    };
    Some(ArchiveEntry {
        modified_at: contract.effective_at.unwrap_or(contract.updated_at),
        number: contract.number.into(),
        kind: contract.kind,
        status: contract.state.status,
        effective_at: contract.effective_at,
        total_fen: contract.total_fen,
        document,
        pdf,
    })
}

/// The account's contracts among `numbers` (deleted ones are gone), by number, in one
/// query.
async fn of_account(
    db: &Db,
    account_id: i64,
    numbers: &[&str],
) -> Result<HashMap<String, Contract>, ServiceError> {
    let placeholders: Vec<String> = (2..numbers.len() + 2).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM contracts WHERE account_id = $1 AND status <> 'deleted' \
         AND number IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(account_id);
    for number in numbers {
        query = query.bind(*number);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| from_row(row).map(|c| (c.number.to_string(), c)))
        .collect()
}

/// The words an archive is written in: the language of whoever asked for it (the
/// server's catalogs; the service words nothing).
pub trait ArchiveWords: Send + Sync + 'static {
    /// The manifest's columns: number, type, status, document, effective time (CST),
    /// total (元), SHA-256.
    fn header(&self) -> [&'static str; 7];
    fn kind(&self, kind: ContractType) -> &'static str;
    fn status(&self, status: Status) -> &'static str;
    fn document(&self, document: PdfKind) -> &'static str;
}

/// The manifest's name in the archive.
pub const MANIFEST: &str = "manifest.csv";

/// `<number>_<type>.pdf`, the type in the archive's language.
pub fn entry_name(entry: &ArchiveEntry, words: &impl ArchiveWords) -> String {
    format!("{}_{}.pdf", entry.number, words.kind(entry.kind))
}

/// `manifest.csv`: UTF-8 with a byte-order mark (spreadsheet programs read it as UTF-8
/// then), CRLF lines (RFC 4180), one row a document, amounts without separators.
pub fn manifest(entries: &[ArchiveEntry], words: &impl ArchiveWords) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, words.header());
    for entry in entries {
        let effective = entry
            .effective_at
            .map(format_cst_minute)
            .unwrap_or_default();
        let total = format_yuan(entry.total_fen).replace(',', "");
        push_row(
            &mut out,
            [
                entry.number.as_str(),
                words.kind(entry.kind),
                words.status(entry.status),
                words.document(entry.document),
                &effective,
                &total,
                &entry.pdf.sha256,
            ],
        );
    }
    out.into_bytes()
}

fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// Why an archive stopped part way: the download fails, nothing claims to be complete.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveFault {
    #[error("{0}: stored PDF does not match its recorded SHA-256")]
    Altered(String),
    #[error("document store: {0}")]
    Storage(String),
    #[error("zip: {0}")]
    Zip(String),
}

/// The archive of `entries`, as chunks: one chunk a document, then the manifest and the
/// archive's directory. Pulled by the client, so a slow reader holds one document back.
pub fn stream<W: ArchiveWords>(
    storage: Storage,
    entries: Vec<ArchiveEntry>,
    words: W,
) -> impl Stream<Item = Result<Vec<u8>, ArchiveFault>> + Send + 'static {
    let buffer = Buffer::default();
    let zip = ZipWriter::new_stream(buffer.clone());
    let state = Writing {
        storage,
        entries,
        words,
        next: 0,
        buffer,
        zip: Some(zip),
    };
    futures::stream::unfold(state, |mut state| async move {
        let chunk = state.step().await.transpose()?;
        if chunk.is_err() {
            // Nothing follows a fault: no directory that would make the archive whole.
            state.zip = None;
        }
        Some((chunk, state))
    })
}

/// What the zip writer wrote since the last chunk was taken.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Buffer {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Writing<W> {
    storage: Storage,
    entries: Vec<ArchiveEntry>,
    words: W,
    next: usize,
    buffer: Buffer,
    /// `None` once the archive is finished or has failed.
    zip: Option<ZipWriter<StreamWriter<Buffer>>>,
}

impl<W: ArchiveWords> Writing<W> {
    /// The next chunk; `None` when the archive is complete.
    async fn step(&mut self) -> Result<Option<Vec<u8>>, ArchiveFault> {
        let Some(zip) = self.zip.as_mut() else {
            return Ok(None);
        };
        let zipped = |e: zip::result::ZipError| ArchiveFault::Zip(e.to_string());
        match self.entries.get(self.next) {
            Some(entry) => {
                self.next += 1;
                let bytes = self
                    .storage
                    .get(&entry.pdf.key)
                    .await
                    .map_err(|e| ArchiveFault::Storage(e.to_string()))?;
                if sha256_hex(&bytes) != entry.pdf.sha256 {
                    return Err(ArchiveFault::Altered(entry.number.clone()));
                }
                zip.start_file(entry_name(entry, &self.words), options(entry.modified_at))
                    .map_err(zipped)?;
                zip.write_all(&bytes)
                    .map_err(|e| ArchiveFault::Zip(e.to_string()))?;
            }
            None => {
                let newest = self.entries.iter().map(|e| e.modified_at).max();
                zip.start_file(MANIFEST, options(newest.unwrap_or(0)))
                    .map_err(zipped)?;
                zip.write_all(&manifest(&self.entries, &self.words))
                    .map_err(|e| ArchiveFault::Zip(e.to_string()))?;
                if let Some(zip) = self.zip.take() {
                    zip.finish().map_err(zipped)?;
                }
            }
        }
        Ok(Some(self.buffer.take()))
    }
}

/// Stored, not deflated: PDFs are compressed already. Times in China Standard Time, as
/// zip times are local.
fn options(at_ms: i64) -> SimpleFileOptions {
    let (y, m, d) = cst_date(at_ms);
    let seconds = (at_ms + CST_OFFSET_MS).rem_euclid(MS_PER_DAY) / 1000;
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(y).unwrap_or(1980),
        m,
        d,
        (seconds / 3600) as u8,
        (seconds / 60 % 60) as u8,
        (seconds % 60) as u8,
    )
    .unwrap_or_default();
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
}
