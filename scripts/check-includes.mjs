// Fails when an #include of src/ points anywhere but down: the rule that keeps the tree
// readable from the bottom (base, model) to the top (reports, server, cli).
//
//   node scripts/check-includes.mjs [SOURCE_ROOT]
//
// 1. Modules: every folder of src/ is one library, declared in its CMakeLists.txt as
//    flywheel_module(flywheel_<folder> DEPS … TEST_DEPS …). The DEPS between modules must
//    form no cycle, and a file may include from another folder only when that folder's
//    library is among its own library's DEPS, directly or through them. Test code (files
//    named *_test.cc, *_test_util.h or test_*.h) may also include its TEST_DEPS (and theirs)
//    and the test helpers of src/testing/.
// 2. Files: counting x.h and x.cc as one unit, the includes between the units of src/
//    (test code left out) form no cycle.
// Prints each problem on a line and exits 1; prints a summary and exits 0 when there is none.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const problems = [];

const isTest = (file) => /(_test\.cc|_test_util\.h|(^|\/)test_[^/]*\.h)$/.test(file);

// Modules and their declared dependencies.
const modules = new Map();  // folder -> { deps: Set, testDeps: Set }
for (const folder of readdirSync(src)) {
  const cmake = join(src, folder, 'CMakeLists.txt');
  if (!statSync(join(src, folder)).isDirectory() || !existsSync(cmake)) continue;
  const text = readFileSync(cmake, 'utf8').replace(/#.*$/gm, '');
  const m = text.match(/flywheel_module\(\s*flywheel_(\w+)([^)]*)\)/);
  if (!m) continue;
  if (m[1] !== folder) problems.push(`src/${folder}/CMakeLists.txt: the module is named flywheel_${m[1]}, expected flywheel_${folder}`);
  const words = m[2].split(/\s+/).filter(Boolean);
  const deps = new Set(), testDeps = new Set();
  let into = null;
  for (const w of words) {
    if (w === 'DEPS') into = deps;
    else if (w === 'TEST_DEPS') into = testDeps;
    else if (into && w.startsWith('flywheel_')) into.add(w.slice('flywheel_'.length));
  }
  modules.set(folder, { deps, testDeps });
}

function findCycle(graph) {
  const state = new Map();  // 1 visiting, 2 done
  const stack = [];
  const visit = (n) => {
    state.set(n, 1);
    stack.push(n);
    for (const next of [...(graph.get(n) ?? [])].sort()) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const c = visit(next);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of [...graph.keys()].sort()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return null;
}

const moduleGraph = new Map([...modules].map(([f, m]) => [f, m.deps]));
const moduleCycle = findCycle(moduleGraph);
if (moduleCycle) problems.push(`the modules depend on each other in a cycle: ${moduleCycle.join(' → ')}`);

function closure(starts) {
  const seen = new Set();
  const todo = [...starts];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    for (const d of modules.get(f)?.deps ?? []) todo.push(d);
  }
  return seen;
}

// Every source file and its includes of src/.
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(h|cc)$/.test(name)) files.push(relative(src, p));
  }
};
walk(src);

const unitOf = (file) => file.replace(/\.(h|cc)$/, '');
const unitGraph = new Map();
for (const file of files.sort()) {
  const folder = file.split('/')[0];
  const test = isTest(file);
  const mod = modules.get(folder);
  const allowed = mod ? closure([...mod.deps, ...(test ? mod.testDeps : [])]) : null;
  const lines = readFileSync(join(src, file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = line.match(/^\s*#\s*include\s+"([^"]+)"/);
    if (!m || !existsSync(join(src, m[1]))) return;
    const target = m[1];
    const to = target.split('/')[0];
    if (to !== folder && allowed) {
      const ok = allowed.has(to) || (test && to === 'testing');
      if (!ok) {
        problems.push(`src/${file}:${i + 1}: includes ${target}, but flywheel_${folder} does not depend on flywheel_${to}` +
                      (test ? ' (DEPS or TEST_DEPS)' : ' (DEPS)'));
      }
    }
    if (!test && !isTest(target) && unitOf(target) !== unitOf(file)) {
      if (!unitGraph.has(unitOf(file))) unitGraph.set(unitOf(file), new Set());
      unitGraph.get(unitOf(file)).add(unitOf(target));
    }
  });
}

// Every file cycle, one per strongly connected part, found one after another.
const seenInCycle = new Set();
for (;;) {
  const g = new Map([...unitGraph].filter(([u]) => !seenInCycle.has(u))
                                  .map(([u, s]) => [u, new Set([...s].filter((v) => !seenInCycle.has(v)))]));
  const c = findCycle(g);
  if (!c) break;
  problems.push(`files include each other in a cycle: ${c.join(' → ')}`);
  c.forEach((u) => seenInCycle.add(u));
}

if (problems.length) {
  for (const p of problems) console.error(`check-includes: ${p}`);
  process.exit(1);
}
console.log(`check-includes: ${files.length} files of ${modules.size} modules; every include points down`);
