//! The territory view's summary files, kept in this browser's IndexedDB when the user asks:
//! 600 summaries do not fit in local storage. Files are kept as they were read, so a reload
//! loads them exactly as the first time, refusals and set-aside files included.
//!
//! The few IndexedDB calls are bound here rather than through a crate or web-sys features:
//! through the `idb` crate this feature cost the tools bundle 11.9 KB gzipped instead of 6.4,
//! and web-sys's Idb features alone grew the questionnaire by 474 B, past its budget.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    type IdbFactory;
    #[wasm_bindgen(thread_local_v2, js_name = indexedDB)]
    static INDEXED_DB: Option<IdbFactory>;
    #[wasm_bindgen(method, catch)]
    fn open(this: &IdbFactory, name: &str, version: u32) -> Result<IdbRequest, JsValue>;

    /// An open request is a request with `onupgradeneeded` too.
    #[derive(Clone)]
    type IdbRequest;
    #[wasm_bindgen(method, getter, catch)]
    fn result(this: &IdbRequest) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, setter)]
    fn set_onsuccess(this: &IdbRequest, handler: Option<&js_sys::Function>);
    #[wasm_bindgen(method, setter)]
    fn set_onerror(this: &IdbRequest, handler: Option<&js_sys::Function>);
    #[wasm_bindgen(method, setter)]
    fn set_onupgradeneeded(this: &IdbRequest, handler: Option<&js_sys::Function>);

    type IdbDatabase;
    #[wasm_bindgen(method, catch, js_name = createObjectStore)]
    fn create_object_store(this: &IdbDatabase, name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn transaction(this: &IdbDatabase, store: &str, mode: &str) -> Result<IdbTransaction, JsValue>;
    #[wasm_bindgen(method)]
    fn close(this: &IdbDatabase);

    type IdbTransaction;
    #[wasm_bindgen(method, catch, js_name = objectStore)]
    fn object_store(this: &IdbTransaction, name: &str) -> Result<IdbObjectStore, JsValue>;
    #[wasm_bindgen(method, setter)]
    fn set_oncomplete(this: &IdbTransaction, handler: Option<&js_sys::Function>);
    #[wasm_bindgen(method, setter)]
    fn set_onerror(this: &IdbTransaction, handler: Option<&js_sys::Function>);
    #[wasm_bindgen(method, setter)]
    fn set_onabort(this: &IdbTransaction, handler: Option<&js_sys::Function>);

    type IdbObjectStore;
    #[wasm_bindgen(method, catch)]
    fn put(this: &IdbObjectStore, value: &JsValue, key: &JsValue) -> Result<IdbRequest, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn clear(this: &IdbObjectStore) -> Result<IdbRequest, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getAll)]
    fn get_all(this: &IdbObjectStore) -> Result<IdbRequest, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getAllKeys)]
    fn get_all_keys(this: &IdbObjectStore) -> Result<IdbRequest, JsValue>;
}

const DATABASE: &str = "autodiag-territoire";
/// File name → the file's bytes.
const FILES: &str = "resumes";

/// The request's result, once it succeeds.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

/// Waits until every request of the transaction is written, or fails if any was refused.
async fn committed(transaction: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(|_| ())
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = INDEXED_DB.with(Option::clone).ok_or(JsValue::NULL)?;
    let request = factory.open(DATABASE, 1)?;
    // The first opening creates the store; the request's result is then the database.
    let creator = request.clone();
    let upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(database) = creator.result() {
            let _ = database
                .unchecked_into::<IdbDatabase>()
                .create_object_store(FILES);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let database = finished(&request).await;
    request.set_onupgradeneeded(None);
    Ok(database?.unchecked_into())
}

/// Replaces the kept files with `files`, in one transaction: a failure keeps the old set.
pub async fn save(files: &[(String, Vec<u8>)]) -> Result<(), JsValue> {
    let database = open().await?;
    let transaction = database.transaction(FILES, "readwrite")?;
    let store = transaction.object_store(FILES)?;
    // Requests run in the order issued; the transaction's end says whether all succeeded.
    store.clear()?;
    for (name, bytes) in files {
        store.put(
            &Uint8Array::from(bytes.as_slice()),
            &JsValue::from_str(name),
        )?;
    }
    let result = committed(&transaction).await;
    database.close();
    result
}

/// The kept files, by name.
pub async fn load() -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let database = open().await?;
    let transaction = database.transaction(FILES, "readonly")?;
    let store = transaction.object_store(FILES)?;
    // Both requests are issued before either is awaited, while the transaction is active.
    let keys = store.get_all_keys()?;
    let values = store.get_all()?;
    let (keys, values) = (finished(&keys).await, finished(&values).await);
    database.close();
    let (keys, values) = (Array::from(&keys?), Array::from(&values?));
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(key, value)| Some((key.as_string()?, Uint8Array::new(&value).to_vec())))
        .collect())
}

/// Forgets every kept file.
pub async fn clear() -> Result<(), JsValue> {
    let database = open().await?;
    let transaction = database.transaction(FILES, "readwrite")?;
    transaction.object_store(FILES)?.clear()?;
    let result = committed(&transaction).await;
    database.close();
    result
}
