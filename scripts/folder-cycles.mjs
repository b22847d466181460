// Folder-level import cycles in src/ (issue 9: "no import cycle between src/ folders"): each top-level folder of
// src/ is a node, an import from a file in folder A of a file in folder B (A != B) an edge. Prints every strongly
// connected component of more than one folder, with one example import per edge; exit 1 when there is one.
// Usage: npm run cycles  (node scripts/folder-cycles.mjs [SRC_DIR])
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const src = resolve(process.argv[2] ?? 'src');
const files = [];
(function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) files.push(p);
  }
})(src);
const folderOf = (f) => {
  const r = relative(src, f).split(sep);
  return r.length > 1 ? r[0] : '(root)';
};
const edges = new Map(); // a -> Map(b -> example)
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(f), m[1]);
    if (!target.startsWith(src)) continue;
    const a = folderOf(f), b = folderOf(target + '.ts');
    if (a === b || a === '(root)' || b === '(root)') continue;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a).has(b)) edges.get(a).set(b, `${relative(src, f)} -> ${m[1]}`);
  }
}
// Tarjan's SCC
let index = 0; const idx = new Map(), low = new Map(), stack = [], on = new Set(), sccs = [];
const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
function strong(v) {
  idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = []; let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
}
for (const v of nodes) if (!idx.has(v)) strong(v);
for (const c of sccs) {
  console.log(`cycle: ${c.sort().join(', ')}`);
  for (const a of c) for (const [b, ex] of edges.get(a) ?? []) if (c.includes(b)) console.log(`  ${a} -> ${b}: ${ex}`);
}
console.log(`folder cycles: ${sccs.length}`);
process.exit(sccs.length ? 1 : 0);
