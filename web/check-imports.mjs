// Fails the dashboard build when its modules import each other in a cycle (main.js → pages.js
// → main.js once did): a cycle makes the order modules run in depend on which is loaded first.
// Reads the relative imports of every web/src/*.js and prints the cycle it finds.
import fs from 'node:fs';
import path from 'node:path';

const src = path.join(path.dirname(new URL(import.meta.url).pathname), 'src');
const modules = fs.readdirSync(src).filter((f) => f.endsWith('.js'));
const imports = new Map(modules.map((m) => {
  const text = fs.readFileSync(path.join(src, m), 'utf8');
  const named = [...text.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]\.\/([^'"]+\.js)['"]/gm)].map((x) => x[1]);
  return [m, named];
}));

const state = new Map();  // module → 'open' while on the path, 'done' after
function visit(m, trail) {
  if (state.get(m) === 'done') return null;
  if (state.get(m) === 'open') return [...trail.slice(trail.indexOf(m)), m];
  state.set(m, 'open');
  for (const next of imports.get(m) || []) {
    const cycle = visit(next, [...trail, m]);
    if (cycle) return cycle;
  }
  state.set(m, 'done');
  return null;
}
for (const m of modules) {
  const cycle = visit(m, []);
  if (cycle) {
    console.error(`flywheel: the dashboard's modules import each other in a cycle: ${cycle.join(' → ')}`);
    process.exit(1);
  }
}
