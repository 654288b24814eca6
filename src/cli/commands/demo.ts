/** `coldkit demo`: a whole ceremony on built-in sample data. */
import { command } from '../options/spec.js';

export const demo = command({
  name: 'demo',
  options: {
    dir: { flag: '--dir <dir>', help: 'where to leave the artefacts (default: a new folder under the system temp dir)' },
  },
});

export const COMMANDS = [demo];
