#!/usr/bin/env node
// What bin/coldkit was before src/build/app.ts joined dist/src into dist/app: the program run from
// tsc's output, one module per source file. The import recorder (record-imports.ts) runs this to see
// which source modules a command loads — the lazy loading that decides what each chunk of dist/app
// holds. Test-only.
import('../../dist/src/cli/main.js').then((m) => m.main(process.argv));
