//! Bindings to `js/leaflet-shim.js`, the JS side of the map (Leaflet from npm, bundled).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/leaflet-shim.js")]
extern "C" {
    /// A Leaflet map with its marker layer.
    pub type MapHandle;

    #[wasm_bindgen(js_name = createMap, catch)]
    #[allow(clippy::too_many_arguments)]
    pub fn create_map(
        el: &web_sys::HtmlElement,
        lat: f64,
        lon: f64,
        zoom: f64,
        tiles: Option<String>,
        basemap_base: &str,
        on_move: &Closure<dyn Fn(f64, f64, f64, f64, f64, f64, f64)>,
        on_item: &Closure<dyn Fn(String)>,
    ) -> Result<MapHandle, JsValue>;

    #[wasm_bindgen(js_name = drawItems)]
    pub fn draw_items(handle: &MapHandle, items_json: &str);

    #[wasm_bindgen(js_name = zoomToExtent)]
    pub fn zoom_to_extent(
        handle: &MapHandle,
        west: f64,
        south: f64,
        east: f64,
        north: f64,
        min_zoom: f64,
    );

    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(handle: &MapHandle, lat: f64, lon: f64, zoom: f64);

    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(handle: &MapHandle, dx: f64, dy: f64);

    #[wasm_bindgen(js_name = invalidateSize)]
    pub fn invalidate_size(handle: &MapHandle);
}
