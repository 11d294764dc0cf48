// Imported first by every action entry point. ncc's ESM output does not define the CommonJS
// globals, and undici (inside @actions/core 3) and ssh2 read them at import time, so the bundle
// would die with `ReferenceError: __dirname is not defined` before any of our code runs.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const g = globalThis as Record<string, unknown>;
const filename = fileURLToPath(import.meta.url);
g['__filename'] ??= filename;
g['__dirname'] ??= dirname(filename);
g['require'] ??= createRequire(import.meta.url);
