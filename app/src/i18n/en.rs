//! English. Contract PDFs keep their legal Chinese text; the pages around them are here.

use domain::verification::{HashVerdict, SealLevel, SignatureVerdict};
use domain::ContractType;

use super::{Catalog, Lang};

pub static EN: Catalog = Catalog {
    lang: Lang::En,
    app_name: "Qianyue Contract Center",
    brand_public: "Qianyue Contract Center",
    nav_label: "Main navigation",
    nav_guide: "How to apply",
    nav_templates: "Templates",
    nav_faq: "FAQ",
    nav_verify: "Verify a contract",
    nav_console: "Sign in to the console",
    language_label: "Language",
    footer: "Qianyue Contract Center — demo provider: Example Cloud Computing Co., Ltd. (fictitious)",

    landing_title: "Contract Center",
    landing_description: "Create, sign and download your framework, order, ICP filing and recharge contracts with your cloud provider online, with electronic seals and paper copies by mail.",
    landing_heading: "Your cloud contracts, signed online and ready to use",
    landing_lead: "Create contracts for the cloud services you bought in the billing center: pick your orders, confirm party A's details, and download a legally binding PDF once the provider has applied its electronic seal — or ask for paper copies by mail.",
    landing_cta_console: "Open contract management",
    landing_cta_guide: "Read the guide",
    landing_features_label: "Contract types and signing methods",
    landing_features: |r| {
        vec![
            ("Framework contract".into(), "The base agreement on both parties' rights and obligations. Each account has one valid framework contract; every other contract builds on it.".into()),
            ("Order contract".into(), format!("For prepaid, postpaid and refund orders, up to {} orders per contract; amounts are totalled and written out in Chinese capital numerals.", r.orders)),
            ("ICP filing contract".into(), format!("The contract a commercial ICP filing needs, up to {} filing numbers per contract, valid for one year.", r.filings)),
            ("Recharge contract".into(), format!("For the recharges of your account, up to {} recharge records per contract.", r.recharges)),
            ("Two ways to sign".into(), "Single-party e-seal: the provider seals in the background, nothing for you to do. Dual-party e-sign: your signer confirms with an SMS code, then signs.".into()),
            ("A PDF anyone can verify".into(), "Formal contracts carry the provider's seal and a digital signature; anyone can check on the verification page that a file is the original and unaltered.".into()),
        ]
    },

    guide_title: "How to apply",
    guide_description: "From real-name verification to downloading your contract: how to apply, the two ways to sign, and paper copies.",
    guide_intro: "Five steps take you from an account to a signed contract. Each step you finish unlocks the next one in contract management.",
    guide_diagram_title: "How a contract application flows",
    guide_diagram_caption: "Applying for a contract: real-name verification → party A details → framework contract → order, filing or recharge contracts → download or request paper copies",
    guide_steps: &[
        ("Verify your identity", "Party A is your verified name"),
        ("Party A details", "Address, contact, phone"),
        ("Framework contract", "One valid per account"),
        ("Order/filing/recharge", "Pick orders, filings or recharges"),
        ("Download or mail", "E-contracts download at once"),
    ],
    guide_sections: |r| {
        vec![
            ("1. Complete real-name verification".into(), "Party A's name on a contract is the verified subject of your account and cannot be edited. An account without real-name verification cannot save party A's details or create contracts.".into()),
            ("2. Save party A's details".into(), "Enter the contact address, contact person, phone, email and postcode once; every contract you create afterwards starts from them and keeps a snapshot of them as they were.".into()),
            ("3. Create the framework contract".into(), "The framework contract sets out both parties' basic rights and obligations; an account has at most one valid framework contract at a time. Other contract types can be created once it is effective.".into()),
            ("4. Create order, filing or recharge contracts".into(), format!(
                "Pick the orders (up to {}), ICP filings (up to {}) or recharge records (up to {}) the contract covers. Monthly bills and marketplace orders cannot be contracted here, nor postpaid orders placed before {}.",
                r.orders, r.filings, r.recharges, r.postpaid_cutoff
            )),
            ("5. Sign, download, get paper copies".into(), "Single-party e-seal: once you save the draft, it is generated in the background; convert it to a formal contract and it takes effect when the provider has sealed it. Dual-party e-sign: your signer confirms with an SMS code, then the provider seals. Effective contracts download as PDF; you can also ask for paper copies by mail or stamp copies offline.".into()),
        ]
    },

    templates_title: "Contract templates",
    templates_description: "The current templates of framework, order, ICP filing and recharge contracts: read every clause before you sign (PDF samples).",
    templates_intro: "These are samples of the current version of each contract template. When you create a contract, your party A details and the orders, filings or recharges you pick are filled in, and the contract records the template version it used; a later template does not change contracts already created. The contracts themselves are in Chinese.",
    template_version: "Template version",
    template_view: "View the template (PDF)",
    contract_type: |kind| catalog::values::contract_type(Lang::En, kind),
    template_summary: |kind, r| match kind {
        ContractType::Framework => "The base agreement on both parties' rights and obligations. An account has one valid framework contract at a time, and every other contract type requires it.".into(),
        ContractType::Order => format!(
            "For prepaid orders, postpaid orders placed on or after {}, and refunds; up to {} orders, and the total may not be below 0. Requires an effective framework contract.",
            r.postpaid_cutoff, r.orders
        ),
        ContractType::Filing => format!("The contract a commercial ICP filing needs; up to {} filing numbers, valid for one year from taking effect. Requires an effective framework contract.", r.filings),
        ContractType::Recharge => format!("For the recharges of your account; up to {} recharge records. Requires an effective framework contract.", r.recharges),
    },

    faq_title: "Frequently asked questions",
    faq_description: "Contract types, signing methods, voiding and deleting, paper copies by mail, and verifying a contract.",
    faq_items: |r| {
        vec![
            ("Why can't I edit party A's name?".into(), "Party A's name is your account's verified subject, so that the party to the contract is the party that pays. If your company's name changes, update the real-name verification in the billing center first, then contact the provider for a transfer supplement or a rename letter.".into()),
            ("Why do I need a framework contract first?".into(), "The framework contract sets out both parties' basic rights and obligations; order, filing and recharge contracts build on it, so an effective framework contract comes first.".into()),
            ("Which orders cannot be contracted?".into(), format!("Monthly bills are not supported; marketplace orders are signed with the marketplace vendor; postpaid orders placed before {} are not supported. Refund orders can be contracted together with other orders, but the contract total may not be below 0.", r.postpaid_cutoff)),
            ("Can one order be in several contracts?".into(), "No. An order, filing or recharge record belongs to one contract at a time; when a contract is deleted, its orders are released and can be picked again.".into()),
            ("What is the difference between the two signing methods?".into(), "With a single-party e-seal the provider seals in the background and you only confirm the content. With a dual-party e-sign your signer confirms with an SMS code and signs (individuals) or applies the company's e-seal (enterprises), then the provider seals. The method is chosen when the contract is created and cannot change afterwards.".into()),
            ("Can an effective contract be voided?".into(), "No. An effective contract cannot be changed, voided or deleted. A draft can be voided, and a voided contract can be deleted.".into()),
            ("How do I get paper copies?".into(), "Once the contract is effective, request paper copies on its page with a mailing address; after the provider ships them you see the tracking number. You can also stamp copies offline: print, stamp and mail them to the provider, who stamps them and mails them back.".into()),
            ("How do I check that a contract is genuine?".into(), "On the verification page, enter the contract number and upload the PDF (or paste its SHA-256): it checks that the file is the contract's original and that its digital signature is valid.".into()),
        ]
    },

    verify_title: "Verify a contract",
    verify_description: "Enter a contract number and upload its PDF (or the file's SHA-256) to check that it is a genuine, unaltered formal contract issued by the provider.",
    verify_intro: "Enter the contract number, then upload the contract's PDF or paste its SHA-256. We check that the file is the original of that effective contract and verify the digital signature in it.",
    verify_field_number: "Contract number",
    verify_field_file: "Contract PDF",
    verify_field_sha: "Or: the file's SHA-256",
    verify_submit: "Verify",
    verify_bad_number: "Enter the contract number, e.g. QY-20261123-000042",
    verify_no_document: "Upload the contract's PDF, or enter its SHA-256",
    verify_bad_sha: "A SHA-256 is 64 hexadecimal characters",
    verify_too_large: |max_mib| format!("The file is too large (at most {max_mib} MB): upload a contract PDF made by this platform"),
    verify_rate_limited: "Too many verifications; please try again later",
    verify_ca_link: "Download the provider's root certificate (to trust the signature in a PDF reader)",
    verify_result_title: "Verification result",
    verdict: |verdict| match verdict {
        HashVerdict::Genuine => "Genuine: the file is exactly the formal text of the contract, unaltered.",
        HashVerdict::NoLongerEffective => "The file is the contract's formal text, unaltered — but the contract is no longer in force (for example, it was voided).",
        HashVerdict::Draft => "The file is a draft of the contract, not the signed formal contract.",
        HashVerdict::NoMatch => "No contract matches this file: check the contract number; if it is right, the file is not this contract's formal text and may have been altered.",
    },
    field_kind: "Type",
    party_a: "Party A",
    party_b: "Party B",
    effective_at: "Effective",
    expires_at: "Expires",
    signature_label: "Digital signature",
    signature_check: |verdict| match verdict {
        SignatureVerdict::Valid => "Valid: signed with the provider's certificate, unchanged since signing",
        SignatureVerdict::Altered => "Invalid: the file was changed after signing",
        SignatureVerdict::NotSigned => "The file has no digital signature",
        SignatureVerdict::WrongSigner => "The signature is valid but not made with the provider's certificate",
        SignatureVerdict::Malformed => "The signature in the file could not be read",
    },
    hash_label: "File SHA-256",
    seal_level_label: "Long-term validation",
    seal_level: |level| match level {
        SealLevel::BB => "PAdES B-B: a signature only, no trusted time",
        SealLevel::BT => "PAdES B-T: with a trusted time, without validation data",
        SealLevel::BLT => "PAdES B-LT: with a trusted time and validation data, verifiable offline after the certificates expire",
        SealLevel::BLTA => "PAdES B-LTA: with a trusted time, validation data and a document time-stamp, verifiable offline for the long term",
    },
    trusted_time_label: "Trusted signing time",
    tsa_label: "Time-stamping authority",
    revision_label: "Document revision",
    revision_of: "{n} of {of}",
    verify_again: "Verify another file",
    loading: "Loading…",

    not_found_title: "Page not found",
    not_found_body: "This page does not exist, or you are not allowed to see it.",
    not_found_home: "Back to the home page",
};
