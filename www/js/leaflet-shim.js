// The small JS side of the map: Leaflet (loaded as the global `L` from the bundled copy) driven
// from Rust. Everything shown comes from Rust as plain strings and numbers and is put into the
// page with textContent / setAttribute, never as HTML.

const LAND_STYLE = { stroke: false, fill: true, fillColor: "#e8e4d8", fillOpacity: 1 };
const BORDER_STYLE = { color: "#8a8070", weight: 1, opacity: 0.8, fill: false };

function leaflet() {
  if (typeof window.L === "undefined") throw new Error("Leaflet did not load");
  return window.L;
}

async function geojson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/// Creates the map in `el`. `onMove(west, south, east, north, zoom, lat, lon)` runs after every
/// move and once at the start; `onItem(key)` when a marker is activated (click, Enter, Space).
export function createMap(el, lat, lon, zoom, tiles, basemapBase, onMove, onItem) {
  const L = leaflet();
  const renderer = L.canvas({ padding: 0.5 });
  const map = L.map(el, {
    center: [lat, lon],
    zoom,
    minZoom: 2,
    maxZoom: 19,
    worldCopyJump: true,
    preferCanvas: true,
    keyboard: true,
    zoomSnap: 1,
  });
  map.attributionControl.setPrefix(false);
  const handle = { map, onItem, layer: L.layerGroup().addTo(map), basemap: null, detail: null, markers: new Map() };

  // Offline basemap: Natural Earth land and borders; the 1:50m outlines from zoom 5 on.
  const base = { coarse: null, fine: null };
  const showBasemap = () => {
    const want = map.getZoom() >= 5 ? "fine" : "coarse";
    const layers = base[want];
    if (!layers) return;
    for (const k of ["coarse", "fine"]) {
      if (k !== want && base[k]) base[k].forEach((l) => map.hasLayer(l) && map.removeLayer(l));
    }
    layers.forEach((l) => map.hasLayer(l) || l.addTo(map));
  };
  const loadBasemap = async (scale, key) => {
    const [land, borders] = await Promise.all([
      geojson(`${basemapBase}/land-${scale}.geojson`),
      geojson(`${basemapBase}/borders-${scale}.geojson`),
    ]);
    base[key] = [
      L.geoJSON(land, { style: LAND_STYLE, renderer, interactive: false, pane: "tilePane" }),
      L.geoJSON(borders, { style: BORDER_STYLE, renderer, interactive: false, pane: "tilePane" }),
    ];
    showBasemap();
  };
  loadBasemap("110m", "coarse").catch((e) => console.warn("basemap:", e.message));
  let fineRequested = false;
  map.on("zoomend", () => {
    if (map.getZoom() >= 5 && !fineRequested) {
      fineRequested = true;
      loadBasemap("50m", "fine").catch((e) => console.warn("basemap:", e.message));
    }
    showBasemap();
  });
  if (zoom >= 5) {
    fineRequested = true;
    loadBasemap("50m", "fine").catch((e) => console.warn("basemap:", e.message));
  }

  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 19,
      attribution: tiles.includes("openstreetmap.org") ? "© OpenStreetMap contributors" : "",
      crossOrigin: false,
    }).addTo(map);
  }
  map.attributionControl.addAttribution("Basemap: Natural Earth");

  const report = () => {
    const b = map.getBounds();
    const c = map.getCenter();
    onMove(b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), map.getZoom(), c.lat, c.lng);
  };
  map.on("moveend", report);
  handle.report = report;
  requestAnimationFrame(report);
  return handle;
}

function markerElement(item) {
  const el = document.createElement("div");
  el.className = "mk-body";
  const main = document.createElement("span");
  main.className = "mk-main";
  main.textContent = item.main;
  el.appendChild(main);
  if (item.sub) {
    const sub = document.createElement("span");
    sub.className = "mk-sub";
    sub.textContent = item.sub;
    el.appendChild(sub);
  }
  return el;
}

/// Replaces the markers. `items` is a JSON array of
/// `{key, lat, lon, main, sub, title, cls, size}`; markers whose key and look did not change are
/// kept as they are (no flicker while panning).
export function drawItems(handle, itemsJson) {
  const L = leaflet();
  const items = JSON.parse(itemsJson);
  const next = new Map();
  for (const item of items) {
    const id = `${item.key}|${item.cls}|${item.main}|${item.sub}`;
    const old = handle.markers.get(id);
    if (old) {
      next.set(id, old);
      handle.markers.delete(id);
      continue;
    }
    const icon = L.divIcon({
      html: markerElement(item),
      className: `mk ${item.cls}`,
      iconSize: [item.size, item.size],
    });
    const marker = L.marker([item.lat, item.lon], { icon, keyboard: true, title: item.title, riseOnHover: true });
    marker.on("click", () => handle.onItem(item.key));
    marker.on("add", () => {
      const el = marker.getElement();
      if (!el) return;
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", item.title);
      el.dataset.key = item.key;
      el.addEventListener("keydown", (ev) => {
        if (ev.key === " ") {
          ev.preventDefault();
          handle.onItem(item.key);
        }
      });
    });
    marker.addTo(handle.layer);
    next.set(id, marker);
  }
  for (const m of handle.markers.values()) handle.layer.removeLayer(m);
  handle.markers = next;
}

/// Zooms to show the box, to at least `minZoom` (a cluster's expansion zoom).
export function zoomToExtent(handle, west, south, east, north, minZoom) {
  const L = leaflet();
  const map = handle.map;
  const bounds = L.latLngBounds([south, west], [north, east]);
  let zoom = map.getBoundsZoom(bounds.pad(0.1));
  zoom = Math.min(Math.max(zoom, minZoom), map.getMaxZoom());
  map.setView(bounds.getCenter(), zoom);
}

export function setView(handle, lat, lon, zoom) {
  handle.map.setView([lat, lon], zoom);
}

/// For the benchmark: pans by (dx, dy) pixels without animation.
export function panBy(handle, dx, dy) {
  handle.map.panBy([dx, dy], { animate: false });
}

export function invalidateSize(handle) {
  handle.map.invalidateSize();
}
