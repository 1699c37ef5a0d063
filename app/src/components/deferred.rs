//! A part of a page whose code is fetched when the part is shown (issue 13): the
//! dual-signing panel with its signature pad, the after-signing panel, the item picker.
//! Few visits use them, so they are pieces of the bundle of their own — `#[lazy]`
//! functions that hand back the part's render function; wasm-split cuts the bundle there
//! (scripts/build.sh), so the part's code is reachable only through them.
//!
//! The server and the hydrating browser both render nothing in the part's place, so the
//! HTML and the hydration agree; the browser then fetches the piece and draws the part.
//! Not a `LocalResource`: reading one inside a `<Suspense>` on the server registers a
//! task that never ends there, and the console's pages render in `SsrMode::Async`.

use leptos::prelude::*;
use std::future::Future;

/// Draws `show(part)` once `load` (a `#[lazy]` function) has handed the part over.
pub fn deferred<Part, Load>(
    load: impl FnOnce() -> Load + 'static,
    show: impl Fn(Part) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    Part: Copy + Send + Sync + 'static,
    Load: Future<Output = Part> + 'static,
{
    let part = RwSignal::new(None::<Part>);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let loaded = load().await;
        // The page may have moved on while the piece was on its way.
        part.try_set(Some(loaded));
    });
    #[cfg(not(feature = "hydrate"))]
    drop(load);
    move || part.get().map(&show)
}
