// Preloaded with `node --import ./record-imports.mjs`: registers module-resolution hooks that
// append every resolved module URL to the file named by $COLDKIT_IMPORT_LOG (one per line), so a
// test can see exactly which packages a command loaded. Test-only; coldkit never loads it.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { log: process.env.COLDKIT_IMPORT_LOG } });
