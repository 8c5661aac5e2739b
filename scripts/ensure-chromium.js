#!/usr/bin/env node
// `npm test` runs this first (the `pretest` script): the browser tests drive Chromium, so a fresh
// machine gets Debian's chromium here when it can (root or passwordless sudo, and apt-get), through
// .ci/install-chromium.sh; otherwise it stops with one line naming the command to run. Chromium
// present (CHROMIUM_PATH, else /usr/bin/chromium, as test/support/browser.ts reads it): silent.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALLER = path.join(__dirname, '..', '.ci', 'install-chromium.sh');
const AGAIN = 'then run npm test again';

function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir !== '' && isExecutableFile(path.join(dir, command)));
}

/** Root, or sudo that needs no password (`sudo -n` never prompts). */
function canInstall() {
  return process.getuid() === 0 || spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

function stop(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

const chromium = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
if (!isExecutableFile(chromium)) {
  const missing = `Chromium for the browser tests is missing (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${chromium}` : chromium})`;
  if (!onPath('apt-get')) stop(`${missing} and this machine has no apt-get: install Chromium, set CHROMIUM_PATH to its binary, ${AGAIN}`);
  if (!canInstall()) stop(`${missing} and installing it needs root: run \`sudo bash .ci/install-chromium.sh\`, ${AGAIN}`);
  process.stderr.write(`${missing}: installing Debian's chromium package with apt-get (.ci/install-chromium.sh, about a minute)…\n`);
  if (spawnSync('bash', [INSTALLER], { stdio: 'inherit' }).status !== 0) {
    stop(`Installing chromium failed (apt-get's message is above): fix that or run \`sudo bash .ci/install-chromium.sh\`, ${AGAIN}`);
  }
  if (!isExecutableFile(chromium)) stop(`Debian's chromium is installed at ${DEBIAN_CHROMIUM}, but CHROMIUM_PATH=${chromium} is not there: unset CHROMIUM_PATH or point it at Chromium`);
}
