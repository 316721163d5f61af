#!/usr/bin/env node
// The `accessloop` command. A committed file, so that `npm ci` links it into node_modules/.bin on a
// fresh clone before anything is built; the program itself is built into dist by `npm run build`.
import '../dist/main.js';
