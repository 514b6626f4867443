//! Small wrappers over browser APIs: time, downloads, files, performance marks, full screen.

use wasm_bindgen::{JsCast, JsValue};

/// The current time, ISO 8601 in UTC, such as `2026-11-28T18:52:07.123Z`.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date in the browser's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// A fresh identifier for an assessment: time-ordered and random enough for one browser.
pub fn new_id() -> String {
    // `crypto.randomUUID()`: unique across tabs and browsers, so assessments from several
    // computers merge without clashing. It needs a secure context (https or localhost); on a
    // plain http address, time and randomness still make a collision very unlikely.
    let uuid = js_sys::Reflect::get(&window(), &JsValue::from_str("crypto"))
        .ok()
        .and_then(|crypto| {
            let random_uuid =
                js_sys::Reflect::get(&crypto, &JsValue::from_str("randomUUID")).ok()?;
            let random_uuid: js_sys::Function = random_uuid.dyn_into().ok()?;
            random_uuid.call0(&crypto).ok()?.as_string()
        });
    uuid.unwrap_or_else(|| {
        let time = js_sys::Date::now() as u64;
        let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        format!("{time:x}{random:08x}")
    })
}

/// Offers `content` as a file download.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    download_parts(file_name, mime, &parts)
}

/// Offers a blob as a file download.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    click_link(&url, file_name)?;
    revoke_later(url);
    Ok(())
}

/// A file to hand to the system's share sheet (Web Share API level 2), when the browser can
/// share files: `None` elsewhere, and the app then offers only the download. The binding goes
/// through `Reflect` because web-sys keeps `navigator.share` behind an unstable flag.
pub fn shareable_file(file_name: &str, mime: &str, content: &str) -> Option<web_sys::File> {
    let navigator = window().navigator();
    let can_share: js_sys::Function = js_sys::Reflect::get(&navigator, &"canShare".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let file =
        web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options).ok()?;
    let data = share_data(&file);
    can_share
        .call1(&navigator, &data)
        .ok()?
        .as_bool()
        .unwrap_or(false)
        .then_some(file)
}

/// Opens the share sheet with one file; `Ok(false)` when the user closed it without sharing.
pub async fn share_file(file: &web_sys::File, title: &str) -> Result<bool, JsValue> {
    let navigator = window().navigator();
    let share: js_sys::Function = js_sys::Reflect::get(&navigator, &"share".into())?.dyn_into()?;
    let data = share_data(file);
    js_sys::Reflect::set(&data, &"title".into(), &title.into())?;
    let promise: js_sys::Promise = share.call1(&navigator, &data)?.dyn_into()?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        // « AbortError »: the user cancelled, which is no failure.
        Err(error)
            if error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "AbortError") =>
        {
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

fn share_data(file: &web_sys::File) -> js_sys::Object {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(file));
    data
}

fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    download_blob(file_name, &blob)
}

fn click_link(url: &str, file_name: &str) -> Result<(), JsValue> {
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(url);
    link.set_download(file_name);
    link.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    Ok(())
}

/// Revoking at once can cancel the download in some browsers; a minute is plenty.
fn revoke_later(url: String) {
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
}

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Reads a file's bytes, or `None` when the browser refuses.
pub async fn read_file(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Files from an `<input type="file">` or a drop event.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A `performance.mark`, read by the benchmark.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Sets the select `id` to the option of `value`, whatever the user last picked in it.
pub fn set_select_value(id: &str, value: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(select) = element.dyn_into::<web_sys::HtmlSelectElement>()
    {
        select.set_value(value);
    }
}

/// Sets the text area `id` to `value`, whatever was typed in it, and moves the keyboard there.
pub fn fill_text_area(id: &str, value: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(area) = element.dyn_into::<web_sys::HtmlTextAreaElement>()
    {
        area.set_value(value);
        let _ = area.focus();
    }
}

/// Moves keyboard focus to the element with this id, for example after a route change.
pub fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

/// Focuses element `id` once the next frame has drawn it: an element the change just made
/// appear is not in the page until then.
pub fn focus_after_frame(id: String) {
    leptos::prelude::request_animation_frame(move || focus(&id));
}

/// Whether the element matched by `selector` holds more than it shows: a slide whose notes
/// push its answers, or their own line, past the screen.
pub fn overflows(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .is_some_and(|container| container.scroll_height() > container.client_height() + 1)
}

/// Keeps Tab and Shift+Tab inside the element `id`, as a modal dialog must: from its last
/// control Tab goes back to its first, and focus outside it comes back in.
pub fn keep_tab_inside(id: &str, event: &web_sys::KeyboardEvent) {
    let Some(dialog) = document().get_element_by_id(id) else {
        return;
    };
    let Ok(controls) = dialog.query_selector_all(
        "button:not([disabled]), select:not([disabled]), a[href], summary, textarea:not([disabled]), \
         input:not([disabled]):not([type=hidden])",
    ) else {
        return;
    };
    let count = controls.length();
    let (Some(first), Some(last)) = (controls.get(0), controls.get(count.saturating_sub(1))) else {
        return;
    };
    let (edge, next) = if event.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    let active = document().active_element();
    let inside = active
        .as_ref()
        .is_some_and(|element| dialog.contains(Some(element)));
    let at_edge = active.is_some_and(|element| edge.is_same_node(Some(&element)));
    if (at_edge || !inside)
        && let Ok(next) = next.dyn_into::<web_sys::HtmlElement>()
    {
        event.prevent_default();
        let _ = next.focus();
    }
}

/// Whether a key event is typed into a text field, where a digit is text.
pub fn in_text_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA"))
}

/// Brings the first form control inside the element `id` into view and focuses it.
pub fn focus_first_control_in(id: &str) {
    focus_in(id, &["input, select, textarea"]);
}

/// Brings the question `id` into view and focuses its chosen option, else its first one.
/// Focus on an unchecked first option made a screen reader announce « Sous le minimum légal »
/// for a duty answered « Je ne sais pas », and the next arrow key changed the answer.
pub fn focus_answer_in(id: &str) {
    focus_in(id, &["input:checked", "input"]);
}

/// Brings `id` into view and focuses the first element inside it that a selector matches,
/// trying `selectors` in turn.
fn focus_in(id: &str, selectors: &[&str]) {
    let Some(container) = document().get_element_by_id(id) else {
        return;
    };
    container.scroll_into_view();
    let control = selectors
        .iter()
        .find_map(|selector| container.query_selector(selector).ok().flatten());
    if let Some(control) = control
        && let Ok(control) = control.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = control.focus();
    }
}

/// Sets the document's language, for screen readers and hyphenation.
pub fn set_document_lang(lang: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang);
    }
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Formats a number for the reader's language, for example "0,5" in French.
pub fn format_number(value: f64, lang: &str, max_fraction_digits: u32) -> String {
    crate::domain::format::number(value, lang, max_fraction_digits)
}

/// An assessment's date for the reader, or today's when it has none: what a printed page's
/// running head says.
pub fn date_or_today(date: &str, lang: &str) -> String {
    if date.is_empty() {
        format_date(&now_iso(), lang, false)
    } else {
        format_date(date, lang, false)
    }
}

/// Formats an ISO date or timestamp in local time for the reader's language, for example
/// "28/11/2026 à 14:05". A date without a time is read as that calendar day.
pub fn format_date(iso: &str, lang: &str, with_time: bool) -> String {
    if !with_time && crate::domain::profile::is_iso_date(iso) {
        return crate::domain::profile::display_date(iso, lang);
    }
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    crate::domain::format::date(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
        with_time.then(|| (date.get_hours(), date.get_minutes())),
        lang,
    )
}

/// Asks for full screen on an element; browsers may refuse without a user gesture.
pub fn enter_fullscreen(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.request_fullscreen();
    }
}

pub fn is_fullscreen() -> bool {
    document().fullscreen_element().is_some()
}

pub fn exit_fullscreen() {
    if is_fullscreen() {
        document().exit_fullscreen();
    }
}

/// Adds a rule to the app's stylesheet that writes `head` at the top of every printed page
/// and « page n / N » at the bottom. Through the CSS object model, which the CSP allows,
/// since a `<style>` element would be inline style. Returns the rule's handle, or `None`.
pub fn add_print_page_rule(head: &str, page_word: &str) -> Option<web_sys::CssStyleSheet> {
    let quoted = |text: &str| {
        let escaped: String = text
            .chars()
            .filter(|c| !c.is_control())
            .flat_map(|c| match c {
                '"' | '\\' => vec!['\\', c],
                other => vec![other],
            })
            .collect();
        format!("\"{escaped}\"")
    };
    let rule = format!(
        "@page {{ @top-left {{ content: {}; font: 9pt sans-serif; color: #4b5563; }} \
         @bottom-right {{ content: {} \" \" counter(page) \" / \" counter(pages); font: 9pt sans-serif; color: #4b5563; }} }}",
        quoted(head),
        quoted(page_word)
    );
    let sheets = document().style_sheets();
    let sheet: web_sys::CssStyleSheet = sheets
        .item(sheets.length().checked_sub(1)?)?
        .dyn_into()
        .ok()?;
    let at = sheet.css_rules().ok()?.length();
    sheet.insert_rule_with_index(&rule, at).ok()?;
    Some(sheet)
}

/// Takes out the rule `add_print_page_rule` added: the last of its sheet, where it went.
pub fn remove_print_page_rule(sheet: Option<web_sys::CssStyleSheet>) {
    if let Some(sheet) = sheet
        && let Ok(rules) = sheet.css_rules()
        && let Some(last) = rules.length().checked_sub(1)
        && rules
            .item(last)
            .is_some_and(|r| r.css_text().starts_with("@page"))
    {
        let _ = sheet.delete_rule(last);
    }
}

pub fn print() {
    let _ = window().print();
}

/// Rasterises an SVG chart in the browser and downloads it as a PNG at twice its size, on a
/// white background so it pastes well into documents and slides.
pub fn download_svg_as_png(svg: String, width: u32, height: u32, file_name: String) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = svg_to_png(&svg, width, height, &file_name).await {
            web_sys::console::error_2(&"PNG export failed".into(), &error);
        }
    });
}

async fn svg_to_png(svg: &str, width: u32, height: u32, file_name: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(svg)),
        &options,
    )?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result?;

    let scale = 2;
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    canvas.set_width(width * scale);
    canvas.set_height(height * scale);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .unchecked_into();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(
        0.0,
        0.0,
        f64::from(width * scale),
        f64::from(height * scale),
    );
    context.draw_image_with_html_image_element_and_dw_and_dh(
        &image,
        0.0,
        0.0,
        f64::from(width * scale),
        f64::from(height * scale),
    )?;
    let encoded = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob(&resolve);
    });
    let png: web_sys::Blob = wasm_bindgen_futures::JsFuture::from(encoded)
        .await?
        .unchecked_into();
    download_blob(file_name, &png)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// Defined by the loader (static/preload-questions.js), which runs before the app: it
    /// unpacks a text file shipped compressed.
    #[wasm_bindgen(js_name = autodiagFetchText, catch)]
    fn fetch_text_unpacked(url: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Fetches a text file from the app's own origin, unpacked.
pub async fn fetch_text(url: &str) -> Result<String, JsValue> {
    let text = wasm_bindgen_futures::JsFuture::from(fetch_text_unpacked(url)?).await?;
    text.as_string().ok_or_else(|| "not text".into())
}

/// Full screen for the whole page, asked for on the click that opens the projector mode.
pub fn enter_fullscreen_root() {
    if let Some(root) = document().document_element() {
        let _ = root.request_fullscreen();
    }
}
