// Loads the app's WebAssembly; the page to mount is named by <body data-page>.
import init from "./pkg/www.js";

init({ module_or_path: new URL("./pkg/www_bg.wasm", import.meta.url) }).catch((e) => {
  const p = document.createElement("p");
  p.className = "fatal";
  p.textContent = `The page could not start: ${e && e.message ? e.message : e}`;
  document.body.appendChild(p);
});
