// npm run errors:catalog: writes schema/ERRORS.md, the error codes for client developers, from platform/error-catalog.ts.
import { writeFileSync } from 'node:fs';
import { ERRORS_DOCUMENT_PATH, renderErrorCatalog } from '../platform/error-catalog.ts';

writeFileSync(ERRORS_DOCUMENT_PATH, renderErrorCatalog());
console.log(`wrote ${ERRORS_DOCUMENT_PATH.pathname}`);
