// Writes FILE.gz and FILE.br beside every text file of the built dashboard (gzip level 9,
// brotli quality 11: the smallest each format makes; done once per build, never per request).
// A form is left out when it would not be smaller than the file. The server picks the best
// form the browser accepts (src/server/api_server.cc).
// Usage: node compress.mjs DIST_DIR
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const dist = process.argv[2];
if (!dist) {
  console.error('usage: node compress.mjs DIST_DIR');
  process.exit(2);
}
for (const path of [...files(dist)]) {
  if (path.endsWith('.gz') || path.endsWith('.br')) {
    unlinkSync(path);
    continue;
  }
  if (!TEXT.has(extname(path).toLowerCase())) continue;
  const body = readFileSync(path);
  const forms = {
    '.gz': gzipSync(body, { level: 9 }),
    '.br': brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  };
  for (const [suffix, data] of Object.entries(forms)) {
    if (data.length < body.length) writeFileSync(path + suffix, data);
  }
}
