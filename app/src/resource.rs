//! The pages' resources, and the one encoding of what the server sends the browser.
//!
//! A resource's value is a server function's answer (`Result<Dto, AppError>`). Both go in
//! postcard: resources' hydration data (base64 in the page), server functions' answers
//! (`output = Postcard`) and their errors (`AppError`'s encoder). One format for all three
//! means one deserializer per DTO in the browser bundle, and postcard's is small: a struct
//! is its fields in order, with no field names to match and no second (map) form to accept
//! as JSON has. Measured on the release bundle (issue 13, `twiggy`): the JSON readers were
//! the largest family of functions (111 copies of `deserialize_struct`, two per DTO,
//! because resources and server functions used different JSON readers); the main module
//! went from 309 to 279 KiB of brotli, a contract page's first load from 409 to 353.
//!
//! What crosses in postcard must not need a self-describing format: no internally tagged
//! or untagged enums, no `flatten`, no `skip_serializing_if` in an answer (every page's
//! hydration in the browser suite and the server tests' `answer` read them back).
//! Server functions' arguments stay JSON or form-encoded: the browser only writes those.

use leptos::prelude::*;
use leptos::server::codee::binary::PostcardCodec;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// A page's data: a resource in postcard (codee's [`PostcardCodec`]; the page carries it
/// in base64).
pub type Data<T> = Resource<T, PostcardCodec>;

/// A page's "read the data again": the count its resources are keyed on, counted on by
/// whatever changed the data (a finished submission, the poller).
#[derive(Clone, Copy)]
pub struct Reload(RwSignal<u32>);

impl Reload {
    #[allow(clippy::new_without_default)] // a signal in the current owner, not a value
    pub fn new() -> Self {
        Self(RwSignal::new(0))
    }

    /// The count, tracked: a resource's source reads it to be read again on each count.
    pub fn key(self) -> u32 {
        self.0.get()
    }

    /// The count, untracked; `None` once the page is gone.
    pub fn seen(self) -> Option<u32> {
        self.0.try_get_untracked()
    }

    /// Read the data again (nothing once the page is gone).
    pub fn again(self) {
        self.0.try_update(|n| *n += 1);
    }
}

/// `Resource::new`, in postcard.
#[track_caller]
pub fn data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::server::codee::{Decoder, Encoder};

    #[test]
    fn the_codec_reads_back_what_it_wrote() {
        let value: Result<Vec<(String, i64)>, String> = Ok(vec![("合同".into(), 3)]);
        let bytes = <PostcardCodec as Encoder<_>>::encode(&value).unwrap();
        let back: Result<Vec<(String, i64)>, String> =
            <PostcardCodec as Decoder<_>>::decode(&bytes).unwrap();
        assert_eq!(back, value);
        let cut =
            <PostcardCodec as Decoder<Result<Vec<(String, i64)>, String>>>::decode(&bytes[..5]);
        assert!(cut.is_err());
    }
}
