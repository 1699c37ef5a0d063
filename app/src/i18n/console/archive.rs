//! The bulk download page's words. A catalog of their own: only the page's code reads
//! them, so they travel in the page's piece of the bundle (wasm-split moves data that
//! only a piece uses), not in the main module every console page loads first.

use crate::i18n::{use_lang, Lang};

pub struct ArchiveText {
    pub hint: &'static str,
    pub select_page: &'static str,
    /// Before "3 / 50".
    pub selected: &'static str,
    pub download: &'static str,
    pub empty: &'static str,
}

pub fn archive_text() -> &'static ArchiveText {
    match use_lang() {
        Lang::ZhCn => &ArchiveText {
            hint: "选择合同（每次最多 50 份），下载为一个 ZIP 文件：每份合同的 PDF，以及列出编号、状态、金额和 SHA-256 的 manifest.csv。",
            select_page: "全选本页",
            selected: "已选",
            download: "下载所选",
            empty: "暂无已生成文件的合同",
        },
        Lang::En => &ArchiveText {
            hint: "Choose contracts (up to 50 at a time) and download them as one ZIP file: each contract's PDF, and a manifest.csv with numbers, status, totals and SHA-256.",
            select_page: "Select this page",
            selected: "Selected",
            download: "Download selected",
            empty: "No contract has a document yet",
        },
    }
}
