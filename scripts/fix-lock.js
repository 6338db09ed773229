/**
 * Completes package-lock.json after `npm install` on a machine whose registry serves only the
 * linux packages of multi-platform tools (@swc/core, unrs-resolver): npm then leaves their other
 * platforms' optional packages out of the lock, and `npm ci` refuses the lock as out of sync.
 * This adds those entries as optional (npm skips a platform package it cannot install).
 * Use: `npm install ... && npm run fix-lock`.
 */
const fs = require('fs');
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [loc, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = loc === '' ? '' : `${loc}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => pkgs[c])) continue;
    pkgs[`node_modules/${name}`] = { version, optional: true };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
