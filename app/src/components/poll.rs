//! The console's one poller: a page whose data shows a background step running (a draft
//! being generated, the provider signing, an export being written) looks again shortly
//! and reads its data again once the step has moved on.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::error::AppError;
use crate::resource::{Data, Reload};

/// While `running` finds a step running in the data last read, asks `moved` every
/// `every`; once it answers `true`, reads the data again (`reload`). A page whose data is
/// cheap to read again answers `true` at once ([`moved_on`]); the contract page asks its
/// small status read instead. The poll ends
/// when the data shows nothing running, the page is gone, or its data was read again for
/// another reason (that read starts its own poll).
pub fn poll_while<T, M, Fut>(
    data: Data<Result<T, AppError>>,
    every: Duration,
    reload: Reload,
    running: impl Fn(&T) -> Option<M> + 'static,
) where
    T: Clone + Send + Sync + 'static,
    M: Fn() -> Fut + 'static,
    Fut: Future<Output = bool> + 'static,
{
    Effect::new(move |_| {
        let Some(Ok(seen)) = data.get() else {
            return;
        };
        if let Some(moved) = running(&seen) {
            if let Some(read) = reload.seen() {
                look_again(Rc::new(moved), every, reload, read);
            }
        }
    });
}

/// For [`poll_while`]: the step has moved on when the time is up; read everything again.
pub fn moved_on() -> impl Fn() -> std::future::Ready<bool> {
    || std::future::ready(true)
}

fn look_again<M, Fut>(moved: Rc<M>, every: Duration, reload: Reload, read: u32)
where
    M: Fn() -> Fut + 'static,
    Fut: Future<Output = bool> + 'static,
{
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                if reload.seen() != Some(read) {
                    return;
                }
                if moved().await {
                    reload.again();
                } else {
                    look_again(moved, every, reload, read);
                }
            });
        },
        every,
    );
}
