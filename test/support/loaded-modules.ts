import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a child gateway (`-r`, see ./child): on SIGUSR2, and at exit, it writes the files
 * the process has loaded so far, one a line, to LOADED_MODULES_FILE.
 */
const file = process.env.LOADED_MODULES_FILE;
if (!file) throw new Error('LOADED_MODULES_FILE is not set');
const write = () => writeFileSync(file, Object.keys(require.cache).join('\n'));
process.on('SIGUSR2', write);
process.on('exit', write);
