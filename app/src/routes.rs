//! Each page's code is a piece of the browser bundle of its own, fetched when the page
//! opens (issue 13): a customer's contract home does not download the operator console,
//! the dual-signing pad or the item picker. `#[lazy_route]` marks the split point; the
//! build (`scripts/build.sh`, `wasm-split-cli`) cuts the WebAssembly there, and
//! `frontend` hydrates asynchronously so the page's piece is loaded before hydration
//! reaches it. On the server a lazy route renders as any other.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::*;

/// A route whose page is loaded on demand: `lazy_page!(Route => Page)`.
macro_rules! lazy_page {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    LandingRoute => LandingPage,
    GuideRoute => GuidePage,
    FaqRoute => FaqPage,
    TemplatesRoute => TemplatesPage,
    VerifyRoute => VerifyPage,
    VerifyResultRoute => VerifyResultPage,
    NewContractRoute => NewContractPage,
    ContractDetailRoute => ContractDetailPage,
    ArchiveRoute => ArchivePage,
    PartyARoute => PartyAPage,
    EsignRoute => EsignPage,
    OpsRoute => OpsPage,
    OpsContractRoute => OpsContractPage,
    AccountRoute => AccountPage,
}
