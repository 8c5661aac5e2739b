#!/usr/bin/env node
// Builds dist/ with tsc when it is missing or older than any source file, so `npm start` works on a fresh clone.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist/src/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entryName of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entryName.name);
    if (entryName.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entryName.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The newest modification time of a `.ts` file under src/ and migrations/ (scripts/dev.js uses it too). */
function newestSourceTime() {
  return Math.max(newestSource(path.join(root, 'src')), newestSource(path.join(root, 'migrations')));
}
module.exports = { newestSourceTime };

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (require.main === module && built < newestSourceTime()) {
  console.log('building (tsc)…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}
