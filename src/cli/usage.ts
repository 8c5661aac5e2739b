/**
 * Prints a command's usage and ends the process: on stdout with status 0 when it was asked for
 * (`--help`), on stderr with status 2 when the command line did not make sense.
 */
export function exitWithUsage(usage: string, asked: boolean): never {
  if (asked) {
    console.log(usage);
    process.exit(0);
  }
  console.error(usage);
  process.exit(2);
}
