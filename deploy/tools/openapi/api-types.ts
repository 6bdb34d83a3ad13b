/**
 * The web UI's API types, generated from the builder's OpenAPI document with openapi-typescript
 * (types for every path and component, plus one alias per component: `Destination`, `Issue`, ...),
 * into services/destination-builder/ui/src/api-types.ts. The UI imports nothing else about the
 * API's shapes, so what it compiles against is what the builder serves.
 *   npm run gen:api-types            rewrites the file
 *   npm run gen:api-types -- --check exits 1 when the file differs from what the document gives
 * (the unit test openapi-document.test.ts makes the same comparison).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../../../services/destination-builder/openapi-document.ts';

export const API_TYPES_FILE = fileURLToPath(
  new URL('../../../services/destination-builder/ui/src/api-types.ts', import.meta.url),
);

const HEADER = `/**
 * GENERATED from the destination builder's OpenAPI document by deploy/tools/openapi/api-types.ts
 * (openapi-typescript): do not edit; run \`npm run gen:api-types\` after changing an API schema.
 */
`;

export async function renderApiTypes(document?: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS((document ?? (await openApiDocument())) as never, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    silent: true,
  });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rendered = await renderApiTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    if (current !== rendered) {
      console.error(`${API_TYPES_FILE} is out of date: run npm run gen:api-types`);
      process.exit(1);
    }
    console.log('api-types: up to date');
  } else {
    await writeFile(API_TYPES_FILE, rendered);
    console.log(`api-types: wrote ${API_TYPES_FILE}`);
  }
}
