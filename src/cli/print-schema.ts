/** `npm run schema:print` writes schema/schema.graphql from the code; `--check` fails when it differs. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createGatewayPubSub } from '../graphql/pubsub';
import { buildGatewaySchema } from '../graphql/schema';

const file = path.resolve(__dirname, '../../schema/schema.graphql');
const printed = `${printSchema(lexicographicSortSchema(buildGatewaySchema(createGatewayPubSub())))}\n`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== printed) {
    console.error('schema/schema.graphql is out of date: run npm run schema:print and commit it');
    process.exit(1);
  }
  console.log('schema/schema.graphql matches the code');
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, printed);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
