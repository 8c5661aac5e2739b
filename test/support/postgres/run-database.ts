/** A database name no other run on the same server uses. */
export function runDatabaseName(): string {
  return `gateway_test_${Date.now().toString(36)}_${process.pid}`;
}
