#!/usr/bin/env node
// Summarises a V8 .cpuprofile (as `node --cpu-prof` writes, e.g. from `npm run bench:scim -- --profile`):
// self time by package (node_modules/<name>, node: internals, the app bundle) and the hottest functions.
// Usage: node tools/bench/cpuprofile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topText = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node tools/bench/cpuprofile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topText);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

function packageOf(url, functionName) {
  if (!url) return `(${functionName || 'native'})`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^file:\/\//, '').split('/').slice(-3).join('/');
}

const packages = new Map();
const functions = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  total += us;
  const pkg = packageOf(callFrame.url, callFrame.functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  const name = `${callFrame.functionName || '(anonymous)'} ${pkg}:${callFrame.lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + us);
}
const busy = total - (packages.get('(idle)') ?? 0);
const rows = (map) =>
  [...map]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => `| ${(us / 1000).toFixed(0)} | ${((100 * us) / busy).toFixed(1)}% | ${name} |`)
    .join('\n');
process.stdout.write(
  `${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy\n\n` +
    `| self ms | of busy | package |\n|---:|---:|---|\n${rows(packages)}\n\n` +
    `| self ms | of busy | function |\n|---:|---:|---|\n${rows(functions)}\n`,
);
