//! What server_fn's browser client uses of wasm-streams, without its JavaScript exports.
//! Only a streaming server function would reach `from_stream` or `into_stream`, and the app
//! has none: they panic, with the crash banner, rather than drop data silently.

use futures_util::Stream;
use wasm_bindgen::JsValue;

const NO_SERVER: &str = "Autodiag has no server functions: the wasm-streams stand-in (vendor/wasm-streams) cannot stream";

pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        panic!("{NO_SERVER}")
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    pub fn into_stream(self) -> futures_util::stream::Empty<Result<JsValue, JsValue>> {
        panic!("{NO_SERVER}")
    }
}
