//! The pages' resources, decoding their hydration data the way server functions decode
//! their answers.
//!
//! A resource's value is a server function's answer (`Result<Dto, AppError>`). Leptos'
//! default codec decodes hydration data with `serde_json::from_str`, server functions decode
//! with `serde_json::from_slice`: two readers, so the browser bundle carried every DTO's
//! deserializer twice (issue 13, `twiggy`: 111 copies of `deserialize_struct`, the largest
//! family of functions in the bundle). Decoding the same text from its bytes shares one.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// JSON, read from bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's data: a resource in the [`Json`] codec.
pub type Data<T> = Resource<T, Json>;

/// `Resource::new`, in the [`Json`] codec.
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

    #[test]
    fn the_codec_reads_back_what_it_wrote() {
        let value: Result<Vec<(String, i64)>, String> = Ok(vec![("合同".into(), 3)]);
        let text = <Json as Encoder<_>>::encode(&value).unwrap();
        let back: Result<Vec<(String, i64)>, String> = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, value);
        assert!(<Json as Decoder<Result<i64, String>>>::decode("{\"Ok\":").is_err());
    }
}
