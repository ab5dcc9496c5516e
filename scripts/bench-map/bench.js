// One benchmark run in the page: `?impl=rust|js&shim=<url of the map's Leaflet shim>`.
// Both implementations get the same points and draw through the same Leaflet code; what
// differs is who clusters: the app's Rust/WASM index or JS supercluster.
const params = new URLSearchParams(location.search);
const impl = params.get("impl");
const shim = await import(params.get("shim"));
const points = new Float64Array(await (await fetch("/bench/points.bin")).arrayBuffer());
const n = points.length / 3;

let query;
let build;
if (impl === "rust") {
  const wasm = await import("/pkg/www.js");
  await wasm.default({ module_or_path: "/pkg/www_bg.wasm" });
  build = () => {
    const index = new wasm.BenchIndex(points);
    query = (w, s, e, nn, z) => index.markers(w, s, e, nn, z);
  };
} else {
  const features = [];
  for (let i = 0; i < n; i++) {
    features.push({ type: "Feature", properties: { bits: points[i * 3 + 2] },
      geometry: { type: "Point", coordinates: [points[i * 3], points[i * 3 + 1]] } });
  }
  build = () => {
    // Same radius as the app: 50 px on 256 px tiles, clusters up to zoom 16.
    const index = new Supercluster({ radius: 50, extent: 256, maxZoom: 16,
      map: (p) => ({ free: p.bits & 1 }), reduce: (a, b) => { a.free += b.free; } });
    index.load(features);
    query = (w, s, e, nn, z) => JSON.stringify(index.getClusters([w, s, e, nn], Math.floor(z)).map((f, k) => {
      const [lon, lat] = f.geometry.coordinates;
      const c = f.properties.cluster;
      return { key: c ? `c${k}` : `l${k}`, lat, lon, main: c ? String(f.properties.point_count) : "✓",
        sub: `${c ? f.properties.free : f.properties.bits & 1} free`, title: `${c ? f.properties.point_count : 1} locations`,
        cls: c ? "mk-cluster sz-m has-free" : "mk-loc av-available", size: 40 };
    }));
  };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
let handle;
const draw = (w, s, e, nn, z) => shim.drawItems(handle, query(w, s, e, nn, z));
let ready = false;
handle = shim.createMap(document.getElementById("map"), 50.5, 8, 4, null, "/basemap",
  (w, s, e, nn, z) => { if (ready) draw(w, s, e, nn, z); }, () => {});
await frame();
await frame();

const t0 = performance.now();
build();
ready = true;
const m = handle.map;
const b = m.getBounds();
draw(b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), m.getZoom());
await frame();
const firstRender = performance.now() - t0;
const markers = document.querySelectorAll(".mk").length;

async function pan(lat, lon, zoom, steps) {
  m.setView([lat, lon], zoom, { animate: false });
  await frame();
  const times = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    shim.panBy(handle, i % 20 < 10 ? 40 : -40, 0);
    await frame();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)],
    markers: document.querySelectorAll(".mk").length };
}

const panEurope = await pan(50.5, 8, 5, 60);
const panCity = await pan(52.37, 4.9, 11, 60);
window.__bench = { impl, points: n, firstRender, markers, panEurope, panCity };
