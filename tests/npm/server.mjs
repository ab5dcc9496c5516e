// A small static file server for the browser tests: maps URL prefixes to folders, sends the
// right content types (application/wasm for instantiateStreaming) and a Content-Security-Policy
// header chosen per request. Listens on 127.0.0.1 only.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves `mounts` ({ "/prefix/": "/folder" }, longest prefix first) and answers with the CSP that
 * `csp(url)` returns. Resolves to { url, close }.
 */
export function serve(mounts, csp) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    const root = prefix && mounts[prefix];
    const file = root && normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
    let stat;
    try {
      stat = file && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) && statSync(file);
    } catch {
      stat = undefined;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${url.pathname}`);
      return;
    }
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": stat.size,
      "cache-control": "no-store",
    };
    const policy = csp(url);
    if (policy) headers["content-security-policy"] = policy;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
