// After `vite build`: writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of dist/
// (JS, CSS, HTML, SVG, JSON, fonts that are not already compressed) of at least 1 KiB, when the copy is smaller.
// The API serves them by Accept-Encoding (apps/api/src/common/http/precompressed-static.ts), so a reporter on 4G
// downloads ~1/4 of the bytes and the server compresses nothing per request.
// Run: node scripts/precompress.mjs [dist folder]
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.ttf', '.otf', '.eot', '.ico', '.xml', '.webmanifest']);
const MIN_BYTES = 1024;

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    // dot folders (.vite: the manifest) are not served
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) yield* files(full);
    }
    else if (entry.isFile()) yield full;
  }
}

let count = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const file of files(dist)) {
  if (file.endsWith('.br') || file.endsWith('.gz')) continue;
  if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
  const size = statSync(file).size;
  if (size < MIN_BYTES) continue;
  const data = readFileSync(file);
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  // a copy no smaller than the file is not worth a header: the file is served as is
  for (const [suffix, body] of [['.br', brotli], ['.gz', gzip]]) {
    if (body.length < data.length) writeFileSync(file + suffix, body);
    else
      try {
        unlinkSync(file + suffix);
      } catch {
        // none from an earlier build
      }
  }
  count += 1;
  raw += data.length;
  br += Math.min(brotli.length, data.length);
  gz += Math.min(gzip.length, data.length);
}
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`precompress: ${count} files, ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
